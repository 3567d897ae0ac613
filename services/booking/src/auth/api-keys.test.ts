import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import { openTestDatabase } from '@portal/db/testing';
import { seedKinds } from '../kinds/kinds';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from './api-keys';
import { appRouter } from '../app-router';
import { createContextInner, type Deps } from '../http/context';
import { createCallerFactory } from '../http/trpc';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase('booking_api_keys');
  // As booking's start does: the seeded kinds the settings procedures read and change.
  await seedKinds(db);
});

afterAll(async () => {
  await db?.close();
});

const newKey = (name: string, scopes: ('read' | 'write')[] = ['read', 'write']) => createApiKey(db, { name, scopes }, 'admin-user-id');

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let tries = 0; ; tries++) {
    const value = await read();
    if (done(value) || tries > 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('API keys', () => {
  it('a new key authenticates as its name and scopes; the store keeps only a hash of it', async () => {
    const created = await newKey('Greenhouse sync', ['read']);
    expect(created.key).toMatch(/^pk_[a-z2-7]{20}_[A-Za-z0-9_-]{43}$/);
    expect(await authenticateApiKey(db, created.key)).toEqual({ keyId: created.id, name: 'Greenhouse sync', scopes: ['read'], team: 'default' });
    const stored = JSON.stringify(await db.apiKeys.collection.findOne({ _id: created.id as never }));
    expect(stored).not.toContain(created.key.slice(-43));
  });

  it('a wrong secret for a real id, an unknown id and a malformed key authenticate to null', async () => {
    const created = await newKey('Lever sync');
    const secret = created.key.slice(-43);
    const wrongSecret = created.key.slice(0, -43) + (secret.startsWith('A') ? 'B' : 'A') + secret.slice(1);
    const unknownId = `pk_${'a'.repeat(20)}_${secret}`;
    for (const bearer of [wrongSecret, unknownId, created.key.slice(0, -1), `${created.key} `, '', 'Bearer ' + created.key]) {
      expect({ bearer, principal: await authenticateApiKey(db, bearer) }).toEqual({ bearer, principal: null });
    }
  });

  it('a revoked key authenticates to null from then on, and the list shows when it was revoked', async () => {
    const created = await newKey('Old integration');
    expect(await authenticateApiKey(db, created.key)).not.toBeNull();
    const revoked = await revokeApiKey(db, created.id);
    expect(await authenticateApiKey(db, created.key)).toBeNull();
    expect((await revokeApiKey(db, created.id)).revokedAt).toBe(revoked.revokedAt);
    expect((await listApiKeys(db)).find((key) => key.id === created.id)?.revokedAt).toBe(revoked.revokedAt);
    await expect(revokeApiKey(db, 'key_bbbbbbbbbbbbbbbbbbbb')).rejects.toThrow(/no API key/);
  });

  it('lists keys newest first with their public prefix, never the hash; last use is "never" until the key is used', async () => {
    const created = await newKey('Ashby sync');
    const listed = (await listApiKeys(db)).find((key) => key.id === created.id);
    expect(listed).toEqual({
      id: created.id,
      name: 'Ashby sync',
      scopes: ['read', 'write'],
      team: 'default',
      prefix: created.key.slice(0, 'pk_'.length + 20),
      createdAt: created.createdAt,
      createdBy: 'admin-user-id',
      revokedAt: null,
      lastUsedAt: null,
    });
    expect((await listApiKeys(db))[0]?.id).toBe(created.id);
  });

  it('last use is recorded after the answer, and at most once a minute', async () => {
    const created = await newKey('Workable sync');
    await authenticateApiKey(db, created.key);
    const first = await eventually(() => db.apiKeyUses.findById(created.id).lean(), (use) => use !== null);
    expect(first?.lastUsedAt).toBeInstanceOf(Date);
    await authenticateApiKey(db, created.key);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await db.apiKeyUses.findById(created.id).lean())?.lastUsedAt).toEqual(first?.lastUsedAt);
    expect((await listApiKeys(db)).find((key) => key.id === created.id)?.lastUsedAt).toBe(first?.lastUsedAt.toISOString());
  });
});

describe('procedures called with a key', () => {
  const env = { PUBLIC_WEB_URL: 'https://portal.example.test', MIN_NOTICE_MINUTES: 60, HORIZON_DAYS: 21, CHANGE_CUTOFF_MINUTES: 60 };
  const callerAs = async (bearer: string) => {
    const apiKey = await authenticateApiKey(db, bearer);
    if (apiKey === null) throw new Error('the key did not authenticate');
    return createCallerFactory(appRouter)(createContextInner({ db, env } as unknown as Deps, { apiKey }));
  };
  const settings = { kind: 'screening' as const, minNoticeMinutes: 30, horizonDays: 14, changeCutoffMinutes: 10 };

  it('a read key reads, and its mutation is refused as read-only with nothing written', async () => {
    const caller = await callerAs((await newKey('Reader', ['read'])).key);
    expect((await caller.hr.kinds.list()).length).toBeGreaterThan(0);
    await expect(caller.hr.kinds.update(settings)).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'This API key is read-only.' });
    expect((await db.interviewKinds.findById('screening').lean())?.minNoticeMinutes ?? null).toBeNull();
  });

  it('a write key changes settings, and the change names the key as its actor', async () => {
    const caller = await callerAs((await newKey('ATS writer', ['read', 'write'])).key);
    expect((await caller.hr.kinds.update(settings)).updatedBy).toBe('api:ATS writer');
    expect((await db.interviewKinds.findById('screening').lean())?.updatedBy).toBe('api:ATS writer');
  });

  it('no key manages keys or HR users, whatever its scopes', async () => {
    const caller = await callerAs((await newKey('Too ambitious', ['read', 'write'])).key);
    const before = await db.apiKeys.countDocuments({});
    await expect(caller.hr.apiKeys.create({ name: 'Minted by a key', scopes: ['write'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.hr.apiKeys.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.hr.users.create({ email: 'new.admin@example.test', role: 'admin', password: 'a-long-enough-password' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.apiKeys.countDocuments({})).toBe(before);
    expect(await db.hrUsers.countDocuments({})).toBe(0);
  });
});
