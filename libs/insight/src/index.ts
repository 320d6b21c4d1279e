export * from './insight.errors';
export * from './pledge.view';
export * from './campaign-progress.view';
export * from './campaign-progress.repository';
export * from './pledges.repository';
export * from './campaign-progress.service';
export * from './pledges.service';
export * from './insight.module';
