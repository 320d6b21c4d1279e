export * from './digest-week';
export * from './digest-content';
export * from './digest.render';
export * from './digest.service';
export * from './digest-schedule.service';
export * from './digest.module';
export * from './digest.errors';
export * from './digest-runs.repository';
