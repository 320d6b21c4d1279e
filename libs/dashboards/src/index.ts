export * from './dashboard.view';
export * from './dashboards.service';
export * from './dashboards.module';
