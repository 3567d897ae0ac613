import { setTimeout as sleep } from 'node:timers/promises';
import type mongoose from 'mongoose';
import type { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, sinkMessages, bookAhead } from './support/fixtures';
import { SECOND_INTERVIEWS, type PortalUnderTest } from './support/portal-under-test';
import { startPortalWithStores, type PortalWithStores } from './support/portal-with-stores';
import { portalTemporalClient } from './support/temporal-client';

// One reminder 20 s before a start 35–55 s ahead: handed over (60 s lead) as soon as it is booked.
const OFFSET_MS = 20_000;
const LEAD_MS = { min: 35_000, max: 55_000 };
/** temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED */
const STARTED = 2;

let stores: PortalWithStores;
let portal: PortalUnderTest;
let mongo: mongoose.Connection;
let temporal: Connection;
const candidate = { name: 'Held Hana', email: `held-reminders.${Date.now()}@example.test` };

beforeAll(async () => {
  stores = await startPortalWithStores(import.meta.url, {
    ...SECOND_INTERVIEWS,
    REMINDER_OFFSETS_MINUTES: String(OFFSET_MS / 60_000),
    REMINDER_LEAD_SECONDS: '60',
    INVITATION_EXPIRY_MINUTES: '60',
  });
  ({ portal, mongo, temporal } = stores);
});

afterAll(async () => {
  await stores?.stop();
});

describe('a reminder held by the notifications worker ahead of its moment', () => {
  it('still arrives once, at or after its moment, when the worker holding it dies', { timeout: 150_000 }, async () => {
    const hr = await signInAsAdmin(portal.api);
    const interviewer = await alwaysAvailableInterviewer(hr, 'Held Interviewer');
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, candidate, [interviewer.id]);
    const start = await bookAhead(portal.api, token, LEAD_MS);
    const due = start - OFFSET_MS;

    // The reminder's send is running (held) once the confirmation is out and a send is still pending.
    const lifecycle = portalTemporalClient(temporal).workflow.getHandle(`interview-${interviewId}`);
    await eventually(async () => {
      const sent = await sinkMessages(portal.sinkUrl, { to: candidate.email });
      const { raw } = await lifecycle.describe();
      const holding = (raw.pendingActivities ?? []).some((a) => a.activityType?.name === 'sendEmail' && a.state === STARTED);
      return (sent.some((m) => m.Metadata.kind === 'confirmation') && holding) || undefined;
    }, 20_000, 'the reminder held by the notifications worker');
    expect(Date.now()).toBeLessThan(due);

    const restart = await portal.kill('notifications');
    const killedAt = Date.now();
    await sleep(2_000);
    await restart();

    const reminders = await eventually(async () => {
      const sent = (await sinkMessages(portal.sinkUrl, { to: candidate.email })).filter((m) => m.Metadata.kind === 'reminder');
      return sent.length > 0 ? sent : undefined;
    }, 90_000, 'the held reminder after its worker died');
    await sleep(3_000);
    const all = (await sinkMessages(portal.sinkUrl, { to: candidate.email })).filter((m) => m.Metadata.kind === 'reminder');
    expect(all).toHaveLength(1);
    const arrivedAt = Date.parse(reminders[0]?.SubmittedAt ?? '');
    expect(arrivedAt).toBeGreaterThanOrEqual(due);
    // Retried once its heartbeats stopped (30 s), not after the whole hold's timeout (lead + 30 s = 90 s).
    expect(arrivedAt - killedAt).toBeLessThan(75_000);

    if (!mongo.db) throw new Error('not connected to the portal database');
    const rows = await mongo.db.collection('messages').find({ interviewId, kind: 'reminder' }).toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'SENT', attempts: 1, messageId: reminders[0]?.MessageID });
  });
});
