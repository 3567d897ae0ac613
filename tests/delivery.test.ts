import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from '@temporalio/client';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_LINK_QUERY } from '@portal/shared/lifecycle';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, sinkMessages, ASYNC_WAIT_MS } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { withStores, type PortalWithStores } from './support/portal-with-stores';
import { sharedPortal } from './support/shared-portal';
import { portalTemporalClient } from './support/temporal-client';

interface LogRow {
  _id: string;
  interviewId: string;
  kind: string;
  status: string;
  attempts: number;
  errorCode?: number;
  messageId?: string;
}

let stores: PortalWithStores;
let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let mongo: mongoose.Connection;
let temporal: Connection;
const run = Date.now();

beforeAll(async () => {
  // Reminders a day ahead and slots a week out: only the invitation and confirmation are sent here.
  stores = await withStores(await sharedPortal());
  ({ portal, mongo, temporal } = stores);
  hr = await signInAsAdmin(portal.api);
});

afterAll(async () => {
  await stores?.stop();
});

function messageLog() {
  if (!mongo.db) throw new Error('not connected to the portal database');
  return mongo.db.collection<LogRow>('messages');
}

async function logRow(interviewId: string, kind: string, settled: (row: LogRow) => boolean): Promise<LogRow> {
  return eventually(async () => {
    const row = await messageLog().findOne({ interviewId, kind });
    return row && settled(row) ? row : undefined;
  }, 60_000, `the ${kind} message log row`);
}

/** Fails this address's next sends only: the sink is shared with every file running in parallel. */
async function failNextSends(to: string, count: number, status: number): Promise<void> {
  const response = await fetch(`${portal.sinkUrl}/api/fail`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count, status, to }),
  });
  expect(response.ok).toBe(true);
}

async function lastSlot(token: string): Promise<string | undefined> {
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
  return slots.at(-1)?.start;
}

describe.concurrent('email delivery through a failing or refusing Postmark', () => {
  it('the sink failing the first 3 sends with 500 still delivers each message exactly once', { timeout: 240_000 }, async () => {
    const interviewer = await alwaysAvailableInterviewer(hr, 'Flaky Sink Interviewer');
    const candidate = { name: 'Flaky Fran', email: `flaky.${run}@example.test` };
    await failNextSends(candidate.email, 3, 500);
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, candidate, [interviewer.id]);

    await failNextSends(candidate.email, 3, 500);
    await portal.api.mutation('candidate.book', { token, start: await lastSlot(token) });
    await eventually(async () => {
      const kinds = (await sinkMessages(portal.sinkUrl, { to: candidate.email })).map((m) => m.Metadata.kind);
      return kinds.includes('confirmation') ? kinds : undefined;
      // Three refused sends, each retried after a growing wait, on a loaded machine: 53 s in one
      // fresh-clone run, over 60 s in the next. The test is about how many arrive, not how soon.
    }, 150_000, 'the confirmation');
    // Room for a stray duplicate to show up before counting.
    await sleep(3_000);

    const received = await sinkMessages(portal.sinkUrl, { to: candidate.email });
    expect(received.map((m) => m.Metadata.kind)).toEqual(['invitation', 'confirmation']);
    for (const kind of ['invitation', 'confirmation']) {
      const row = await logRow(interviewId, kind, (r) => r.status === 'SENT');
      // Three refused attempts, then the one Postmark accepted.
      expect(row.attempts).toBe(4);
      expect(received.find((m) => m.Metadata.kind === kind)?.MessageID).toBe(row.messageId);
    }
  });

  it('an inactive recipient is recorded FAILED with ErrorCode 406, not retried, and the booking still works', { timeout: 120_000 }, async () => {
    const interviewer = await alwaysAvailableInterviewer(hr, 'Inactive Address Interviewer');
    const email = `inactive.${run}@example.test`;
    const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
      candidateName: 'Ina Active',
      candidateEmail: email,
      candidateTimezone: 'Europe/London',
      position: 'Backend Engineer',
      kind: 'technical',
      interviewerIds: [interviewer.id],
    });
    const invitation = await logRow(interviewId, 'invitation', (r) => r.status !== 'SENDING');
    expect(invitation).toMatchObject({ status: 'FAILED', errorCode: 406, attempts: 1 });

    // The candidate never got the link; take it from the workflow's link query, as HR's "copy link" does.
    const handle = portalTemporalClient(temporal).workflow.getHandle(`interview-${interviewId}`);
    const link = await handle.query<string | null>(LIFECYCLE_LINK_QUERY);
    const token = /\/b\/([^/?#]+)/.exec(link ?? '')?.[1];
    const booked = await portal.api.mutation<{ status: string }>('candidate.book', { token, start: await lastSlot(token ?? '') });
    expect(booked.status).toBe('SCHEDULED');
    const confirmation = await logRow(interviewId, 'confirmation', (r) => r.status !== 'SENDING');
    expect(confirmation).toMatchObject({ status: 'FAILED', errorCode: 406, attempts: 1 });

    // Not retried: every send activity ran once, and the sink accepted nothing for this address.
    // The log row turns FAILED just before the activity reports back, so read the history once
    // every send has completed in it.
    const attempts = await eventually(async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      const sends = new Set(
        events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendEmail').map((e) => String(e.eventId)),
      );
      const completed = events.filter(
        (e) => e.activityTaskCompletedEventAttributes && sends.has(String(e.activityTaskCompletedEventAttributes.scheduledEventId)),
      );
      // The invitation, the confirmation, and the interviewer's invitation (to an address that works).
      if (completed.length < 3) return undefined;
      return events
        .map((e) => e.activityTaskStartedEventAttributes)
        .filter((started) => started && sends.has(String(started.scheduledEventId)))
        .map((started) => started?.attempt);
    }, ASYNC_WAIT_MS, 'every send to complete');
    expect(attempts).toEqual([1, 1, 1]);
    expect(await sinkMessages(portal.sinkUrl, { to: email })).toEqual([]);
  });
});
