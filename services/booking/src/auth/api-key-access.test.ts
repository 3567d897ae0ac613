import { describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import type { ApiKeyScope } from '@portal/shared/api-key-inputs';
import { appRouter } from '../app-router';
import { createContextInner, type Deps } from '../http/context';
import { createCallerFactory } from '../http/trpc';

// The flat map of procedures by dotted path; tRPC types it as the nested router.
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' } }>;
const hrPaths = Object.keys(procedures).filter((path) => path.startsWith('hr.') && !['hr.auth.signIn', 'hr.auth.me'].includes(path));
/** Managing keys, HR users and the organisation's calendar secrets needs an admin signed in to the console. */
const sessionOnly = (path: string) =>
  path.startsWith('hr.apiKeys.') || path.startsWith('hr.users.') || path.startsWith('hr.teams.') || path === 'hr.auth.signOut' || path === 'hr.privacy.setRetention' || (path.startsWith('hr.organisationCalendars.') && procedures[path]?._def.type === 'mutation');

/** A database any use of which throws: a key's refusal must come before anything is read or written. */
const untouchable = new Proxy({}, { get: (_target, name) => { throw new Error(`the database was used: ${String(name)}`); } });

/** Calls `path` as a key with `scopes`: the refusal's code and message, or 'ran' once past authorization. */
async function asKey(path: string, scopes: ApiKeyScope[], origin?: string): Promise<{ code: string; message?: string }> {
  const deps = { db: untouchable as Database, env: { PUBLIC_WEB_URL: 'https://portal.example.test' } } as Deps;
  const context = createContextInner(deps, { origin, apiKey: { keyId: 'key_abcdefghijklmnopqrst', name: 'ATS sync', scopes, team: 'default' } });
  let target: unknown = createCallerFactory(appRouter)(context);
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  try {
    await (target as (input: unknown) => Promise<unknown>)({});
    return { code: 'ran' };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return code === 'FORBIDDEN' || code === 'UNAUTHORIZED' ? { code, message } : { code: 'ran' };
  }
}

const kindOf = (path: string) => procedures[path]?._def.type;

describe('an API key acts as an admin limited to its scopes', () => {
  it('finds queries and mutations to check', () => {
    expect(hrPaths.filter((path) => kindOf(path) === 'query').length).toBeGreaterThan(3);
    expect(hrPaths.filter((path) => kindOf(path) === 'mutation').length).toBeGreaterThan(3);
  });

  it.each(hrPaths.filter((path) => !sessionOnly(path)))('%s: a read key runs queries and is refused mutations as read-only', async (path) => {
    const answer = await asKey(path, ['read']);
    expect(answer).toEqual(kindOf(path) === 'mutation' ? { code: 'FORBIDDEN', message: 'This API key is read-only.' } : { code: 'ran' });
  });

  it.each(hrPaths.filter((path) => !sessionOnly(path)))('%s: a read and write key gets through, admin procedures too', async (path) => {
    expect(await asKey(path, ['read', 'write'])).toEqual({ code: 'ran' });
  });

  it.each(hrPaths.filter((path) => !sessionOnly(path) && kindOf(path) === 'query'))('%s: a write-only key cannot read', async (path) => {
    expect((await asKey(path, ['write'])).code).toBe('FORBIDDEN');
  });

  it.each(hrPaths.filter(sessionOnly))('%s: refused to every key, whatever its scopes, naming the console', async (path) => {
    const answer = await asKey(path, ['read', 'write']);
    expect(answer.code).toBe('FORBIDDEN');
    expect(answer.message).toMatch(/API key cannot do this.*sign in/);
  });

  it('a key call is not refused for the Origin a browser session would be refused for', async () => {
    expect(await asKey('hr.interviews.invite', ['write'], 'https://elsewhere.example')).toEqual({ code: 'ran' });
  });
});
