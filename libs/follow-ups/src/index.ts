export * from './follow-up.view';
export * from './follow-up.emails';
export * from './calendar';
export * from './follow-ups.service';
export * from './follow-up-stats.service';
export * from './reminders.service';
export * from './follow-ups.module';
