export * from './mail-transport';
export * from './outbox.repository';
export * from './outbox.service';
export * from './mail.module';
export * from './outbox-review.service';
export * from './mail.errors';
