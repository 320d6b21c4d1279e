export * from './people.errors';
export * from './people.types';
export * from './people-input';
export * from './organisations.repository';
export * from './contacts.repository';
export * from './organisations.service';
export * from './contacts.service';
export * from './people.module';
