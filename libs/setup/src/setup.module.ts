import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import {
  AppConfigModule,
  DatabaseModule,
  ensureDatabase,
  loadConfig,
  LoggingModule,
  withoutStartupChatter,
} from '@app/platform';
import { StatesModule } from '@app/states';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { SetupService } from './setup.service';

@Module({
  imports: [AppConfigModule, LoggingModule, DatabaseModule, AccountsModule, StatesModule],
  providers: [SetupService],
})
export class SetupModule {}

/**
 * Creates the database if it is missing, then migrates and loads reference data in a short-lived
 * context, so that no part of the app that follows can touch a table before it exists.
 */
export async function prepareDatabase(): Promise<void> {
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const context = await NestFactory.createApplicationContext(SetupModule, { bufferLogs: true });
  context.useLogger(withoutStartupChatter(context.get(Logger)));
  try {
    await context.get(SetupService).run();
  } finally {
    await context.close();
  }
}
