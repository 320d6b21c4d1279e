export * from './setup.service';
export * from './setup.module';
