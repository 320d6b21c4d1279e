import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { createApi } from '../../apps/api/src/bootstrap';
import { createTestDatabase } from './database';
import { ADMIN, runId } from './test-env';

export interface TestApi {
  app: NestFastifyApplication;
  url: string;
  db: Client;
  /** Bearer token of the admin created from ADMIN_EMAIL at first start. */
  adminToken: string;
  request(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

/** The real api on a fresh database, listening on a free port, talked to over HTTP. */
export async function startApi(env: Record<string, string> = {}): Promise<TestApi> {
  const databaseUrl = await createTestDatabase();
  process.env.DATABASE_URL = databaseUrl;
  // Each suite has its own queues, so a worker of one suite never takes another suite's jobs.
  process.env.QUEUE_PREFIX = `test_${runId()}_${Math.random().toString(36).slice(2, 8)}`;
  Object.assign(process.env, env);
  const app = await createApi({ logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();

  const request: TestApi['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? api.adminToken : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body, text, headers: res.headers };
  };

  const api: TestApi = {
    app,
    url,
    db,
    adminToken: '',
    request,
    close: async () => {
      await db.end();
      await app.close();
    },
  };
  const login = await request('POST', '/api/auth/login', { token: null, body: ADMIN });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.text}`);
  api.adminToken = login.body.accessToken;
  return api;
}

/** Creates a user through the API and signs them in; returns their token and id. */
export async function signUp(
  api: TestApi,
  user: { role: string; regions?: string[]; name?: string },
): Promise<{ token: string; id: string; email: string }> {
  const email = `${user.role}.${Math.random().toString(36).slice(2, 10)}@tracker.test`;
  const password = 'a-long-enough-password';
  const created = await api.request('POST', '/api/users', {
    body: { email, name: user.name ?? `Test ${user.role}`, role: user.role, regions: user.regions ?? [], password },
  });
  if (created.status !== 201) throw new Error(`creating user failed: ${created.status} ${created.text}`);
  const login = await api.request('POST', '/api/auth/login', { token: null, body: { email, password } });
  return { token: login.body.accessToken, id: created.body.id, email };
}
