export * from './roles';
export * from './access-policy';
export * from './user.entity';
export * from './accounts.service';
export * from './accounts.module';
