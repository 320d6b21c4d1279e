import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { InvalidConfigError, withoutStartupChatter } from '@app/platform';
import { prepareDatabase } from '@app/setup';
import { WorkerModule } from './worker.module';

/** The worker: the same build as the api, without HTTP. */
async function main(): Promise<void> {
  await prepareDatabase();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(withoutStartupChatter(app.get(Logger)));
  app.enableShutdownHooks();
  await app.init();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof InvalidConfigError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
});
