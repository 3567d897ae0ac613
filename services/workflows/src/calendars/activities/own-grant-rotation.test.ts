import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGrantToken, sealGrantToken } from '@portal/calendar/credentials';
import { createMicrosoftUserClients } from '@portal/calendar/microsoft-user-clients';
import type { Database } from '@portal/db';
import type { MicrosoftConnectionDocument } from '@portal/db/calendar-documents';
import { openTestDatabase } from '@portal/db/testing';
import { STAND_IN_ADMIN_TOKEN, startMicrosoftGraphStandIn, type RunningMicrosoftGraphStandIn } from '@portal/devstack/microsoft-graph-stand-in';
import { ownGrantProvider, type OwnGrantDeps } from './own-grant-provider';

/**
 * Entra ID rotates an own grant's refresh token on every refresh (docs/adr/0061): the worker seals
 * the newest onto the connection, so a worker started after the first token lapsed (90 days unused)
 * still reads the interviewer's calendar.
 */
const KEY = Buffer.alloc(32, 7);
const APP = { tenantId: 'organizations', clientId: 'own-grant-rotation-app', clientSecret: 'rotation~secret' };
const MAILBOX = 'ada@rotation.test';
const WINDOW = { from: new Date(Date.now() + 3_600_000), to: new Date(Date.now() + 7 * 86_400_000), zone: 'UTC' };
let db: Database;
let standIn: RunningMicrosoftGraphStandIn;

async function control(path: string, body: unknown): Promise<Record<string, unknown>> {
  const answer = await fetch(`${standIn.origin}/_stand-in${path}`, { method: 'POST', headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(answer.status).toBe(200);
  return (await answer.json()) as Record<string, unknown>;
}

/** A worker's own-grant deps, as a fresh start makes them. */
function workerDeps(): OwnGrantDeps {
  const endpoints = { graphUrl: standIn.secureOrigin, authorityHost: standIn.secureOrigin, plainHttpHost: standIn.plainHttpHost, timeoutMs: 5_000 };
  return {
    key: KEY,
    ownGrants: { clients: { microsoft: APP }, microsoft: createMicrosoftUserClients(endpoints), microsoftClaimCheck: createMicrosoftUserClients(endpoints), connections: db.calendarConnections },
  };
}

const readConnection = async () => (await db.calendarConnections.findById('rotation-1').lean()) as (MicrosoftConnectionDocument & { grant: 'own' }) | null;
const storedToken = (connection: MicrosoftConnectionDocument) => openGrantToken(KEY, connection.secret!, { interviewerId: 'rotation-1', provider: 'microsoft', calendarId: MAILBOX });

beforeAll(async () => {
  db = await openTestDatabase('own_grant_rotation');
  standIn = await startMicrosoftGraphStandIn({ port: 0 });
  await control('/apps', { tenantId: 'rotation-tenant', clientId: APP.clientId, clientSecret: APP.clientSecret, domains: ['rotation.test'] });
});

afterAll(async () => {
  await standIn?.close();
  await db?.close();
});

/** A new grant at the stand-in, its refresh token sealed on rotation-1's own connection. */
async function connectedWithNewGrant() {
  const first = String((await control('/grants', { email: MAILBOX, clientId: APP.clientId })).refreshToken);
  const owner = { interviewerId: 'rotation-1', provider: 'microsoft' as const, calendarId: MAILBOX };
  await db.calendarConnections.replaceOne(
    { _id: 'rotation-1' },
    { _id: 'rotation-1', provider: 'microsoft', grant: 'own', calendarId: MAILBOX, secret: sealGrantToken(KEY, first, owner), connectedBy: 'test', updatedAt: new Date() },
    { upsert: true },
  );
  return { first, owner };
}

describe('an own Microsoft grant whose refresh token Entra rotates', () => {
  it('keeps the rotated token sealed on the connection, and a restarted worker reads the calendar after the first one lapsed', async () => {
    const { first } = await connectedWithNewGrant();

    await ownGrantProvider((await readConnection())!, workerDeps(), false).busyAt(WINDOW);
    let rotated = '';
    for (let i = 0; i < 50 && (rotated === '' || rotated === first); i += 1) {
      rotated = storedToken((await readConnection())!);
      if (rotated === first) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(rotated).not.toBe(first);

    await control('/refresh-tokens/expire', { refreshToken: first });
    await expect(ownGrantProvider((await readConnection())!, workerDeps(), false).busyAt(WINDOW)).resolves.toEqual([]);
  });

  it('leaves a connection replaced since it was read as it is', async () => {
    const { owner } = await connectedWithNewGrant();
    const asRead = (await readConnection())!;
    const newer = String((await control('/grants', { email: MAILBOX, clientId: APP.clientId })).refreshToken);
    await db.calendarConnections.updateOne({ _id: 'rotation-1' }, { $set: { secret: sealGrantToken(KEY, newer, owner) } });

    await ownGrantProvider(asRead, workerDeps(), false).busyAt(WINDOW);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(storedToken((await readConnection())!)).toBe(newer);
  });
});
