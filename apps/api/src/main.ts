import { AppConfig, InvalidConfigError } from '@app/platform';
import { prepareDatabase } from '@app/setup';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  await prepareDatabase();
  const app = await createApi();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, '0.0.0.0');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof InvalidConfigError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
});
