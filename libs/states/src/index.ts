export * from './treaty';
export * from './labels';
export * from './state-catalogue';
export * from './states.service';
export * from './status-counts.service';
export * from './reference-data.service';
export * from './states.module';
