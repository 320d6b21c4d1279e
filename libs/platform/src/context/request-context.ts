import { AsyncLocalStorage } from 'node:async_hooks';

/** What every layer may know about the HTTP request it is serving, without it being passed down by hand. */
export interface RequestContext {
  /** The id the api gives each request: in its logs, error bodies and the x-request-id response header. */
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn`, and everything it starts, inside the context of one request. */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request being served; undefined outside one (the worker, start-up). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
