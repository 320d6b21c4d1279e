import { Logger } from 'nestjs-pino';
import { AppConfig, InvalidConfigError } from '@app/platform';
import { prepareDatabase } from '@app/setup';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  await prepareDatabase();
  const app = await createApi();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  // The one line the api says at start (Nest's line per route is left out): where to reach it.
  const { address, port } = app.getHttpServer().address() as { address: string; port: number };
  app.get(Logger).log(`listening on http://${address.includes(':') ? `[${address}]` : address}:${port}`, 'Api');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof InvalidConfigError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
});
