export * from './action-types';
export * from './action-dates';
export * from './actions.service';
export * from './action-stats.service';
export * from './campaigns.service';
export * from './advocacy.module';
