export * from './campaign-progress.view';
export * from './campaign-progress.repository';
export * from './campaign-progress.service';
export * from './insight.module';
