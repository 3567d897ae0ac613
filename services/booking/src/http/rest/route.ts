import type { z } from 'zod';
import type { ApiKeyScope } from '@portal/shared/api-key-inputs';
import type { Context } from '../context';

/** Who may call a route: an API key, the candidate's link token, or an admin's console session. */
export type Credential = 'key' | 'candidate' | 'session';

export interface Call<P, Q, B, C> {
  params: P;
  query: Q;
  body: B;
  /** The feature's procedures, called in-process through the same middleware as over tRPC. */
  caller: C;
  /** The candidate's token on candidate routes (the `token` input of the candidate procedures). */
  token: string;
}

type Schema = z.ZodType;
type Empty = z.ZodObject<Record<string, never>>;

/**
 * One REST operation: its path and method, who may call it, the zod schemas its input is read
 * with (pieces of the procedures' own input schemas) and answered with, and the procedure call it
 * stands for. The router mounts this table, the OpenAPI document describes it, and the tests walk it.
 */
export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema, R extends Schema, C = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style, under /api/v1: `/interviews/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  credential: Credential;
  /**
   * The scopes an API key needs, checked before anything runs, so a route that calls a mutation
   * and then reads the result back is all or nothing. Default: `read` for GET, `write` otherwise.
   */
  scopes?: readonly ApiKeyScope[];
  /** Takes an `Idempotency-Key` header. */
  idempotent?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  status: 200 | 201;
  response: R;
  /** Refusals the route can give beyond the credential ones every route of its kind documents. */
  refusals: number[];
  run(call: Call<z.output<P>, z.output<Q>, z.output<B>, C>): Promise<z.input<R>>;
}

export type Route = RouteSpec<Schema, Schema, Schema, Schema> & {
  /** The caller of the procedures the route stands for, made per request from its context. */
  callerFor: (context: Context) => unknown;
};

/**
 * A feature's `route()`: each route it makes calls the procedures through `callerFor` (a caller of
 * the feature's own routers, `createCallerFactory(router({...}))`), so a feature's REST routes name
 * only the procedures they stand for and the app's router stays the only place that joins them all.
 */
export function routesCalling<C>(callerFor: (context: Context) => C) {
  return function route<P extends Schema = Empty, Q extends Schema = Empty, B extends Schema = Empty, R extends Schema = Schema>(spec: RouteSpec<P, Q, B, R, C>): Route {
    return { ...spec, callerFor } as unknown as Route;
  };
}

export function scopesOf(route: Route): readonly ApiKeyScope[] {
  return route.scopes ?? (route.method === 'get' ? ['read'] : ['write']);
}
