import type { z } from 'zod';
import type { ApiKeyScope } from '@portal/shared/api-key-inputs';
import type { Caller } from './caller';

/** Who may call a route: an API key, the candidate's link token, or an admin's console session. */
export type Credential = 'key' | 'candidate' | 'session';

export interface Call<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: Caller;
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
export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema, R extends Schema> {
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
  run(call: Call<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R>>;
}

export type Route = RouteSpec<Schema, Schema, Schema, Schema>;

export function route<P extends Schema = Empty, Q extends Schema = Empty, B extends Schema = Empty, R extends Schema = Schema>(
  spec: RouteSpec<P, Q, B, R>,
): Route {
  return spec as unknown as Route;
}

export function scopesOf(route: Route): readonly ApiKeyScope[] {
  return route.scopes ?? (route.method === 'get' ? ['read'] : ['write']);
}
