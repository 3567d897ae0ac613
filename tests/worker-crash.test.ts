import { setTimeout as sleep } from 'node:timers/promises';
import type mongoose from 'mongoose';
import type { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, sinkMessages, bookAhead, ASYNC_WAIT_MS } from './support/fixtures';
import { SECOND_INTERVIEWS, type PortalUnderTest } from './support/portal-under-test';
import { startPortalWithStores, type PortalWithStores } from './support/portal-with-stores';
import { portalTemporalClient } from './support/temporal-client';

// 45 s, 15 s, 5 s before the start; a booking 60–75 s ahead plans all three. The lifecycle plans only
// the reminders still ahead when it takes the booking (one past is skipped, never sent late): a
// booking 50 s ahead left 5 s for the booking to reach the lifecycle, and a loaded fresh-clone run
// got two reminders of three. 15 s of room now. Between the first
// reminder's moment and the last's, the workflows worker restarts and the first goes out: 38 s,
// room for a restart on a loaded machine (20 to 45 s, docs/adr/0043). With 30/15/7.5 s there were
// 20 s, and a slow restart let the last reminder go out before the notifications worker died.
const OFFSETS_MS = [45_000, 15_000, 5_000];
const LEAD_MS = { min: 60_000, max: 75_000 };
/** temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START, as history events carry it. */
const TIMEOUT_TYPE_SCHEDULE_TO_START = 2;

interface View {
  status: string;
  joinable: boolean;
}

let stores: PortalWithStores;
let portal: PortalUnderTest;
let mongo: mongoose.Connection;
let temporal: Connection;
const candidate = { name: 'Crash Carla', email: `worker-crash.${Date.now()}@example.test` };

beforeAll(async () => {
  stores = await startPortalWithStores(import.meta.url, {
    ...SECOND_INTERVIEWS,
    REMINDER_OFFSETS_MINUTES: OFFSETS_MS.map((ms) => ms / 60_000).join(','),
    INVITATION_EXPIRY_MINUTES: '60',
    // A send no notifications worker picks up within 1 s is scheduled again (the worker is down for longer).
    MAIL_QUEUE_TIMEOUT_SECONDS: '1',
    // Reminders handed over at their moment, so the next one waits in the queue while its worker is
    // down; a reminder held by a worker that dies is tests/held-reminders.test.ts.
    REMINDER_LEAD_SECONDS: '0',
  });
  ({ portal, mongo, temporal } = stores);
});

afterAll(async () => {
  await stores?.stop();
});

async function waitForView(token: string, what: string, ready: (view: View) => boolean): Promise<View> {
  return eventually(async () => {
    const view = await portal.api.query<View>('candidate.view', { token });
    return ready(view) ? view : undefined;
  }, 120_000, what);
}

describe('the workflows worker dies after a booking, the notifications worker while a reminder is due', () => {
  it('every reminder still arrives exactly once, shows once in HR\'s timeline, and the interview completes', { timeout: 200_000 }, async () => {
    const hr = await signInAsAdmin(portal.api);
    const interviewer = await alwaysAvailableInterviewer(hr, 'Crash Interviewer');
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, candidate, [interviewer.id]);
    const start = await bookAhead(portal.api, token, LEAD_MS);
    const reminderRows = async () => {
      if (!mongo.db) throw new Error('not connected to the portal database');
      return mongo.db.collection<{ _id: string; status: string; attempts: number; messageId?: string }>('messages')
        .find({ interviewId, kind: 'reminder' })
        .toArray();
    };

    const restart = await portal.kill('workflows');
    // The first reminder falls due while no worker runs; the next ones may too, while it starts.
    await sleep(Math.max(0, start - (OFFSETS_MS[0] ?? 0) + 2_000 - Date.now()));
    await restart();
    // The overdue first reminder goes out now; a kill during its send would be a takeover (attempt 2),
    // so the notifications worker dies only once it is in.
    await eventually(async () => {
      const sent = await sinkMessages(portal.sinkUrl, { to: candidate.email });
      return sent.some((m) => m.Metadata.kind === 'reminder') || undefined;
    }, ASYNC_WAIT_MS, 'the first reminder after the restart');
    // A kill mid-send would be a takeover (attempt 2; tests/held-reminders.test.ts covers it): on a slow
    // restart the 15 s reminder is due by now too, so the worker dies only between sends, once every
    // reminder due within the next 2 s is out and its log row settled.
    await eventually(async () => {
      const due = OFFSETS_MS.filter((offset) => start - offset <= Date.now() + 2_000).length;
      const rows = await reminderRows();
      return rows.length >= due && rows.every((row) => row.status === 'SENT') ? true : undefined;
    }, ASYNC_WAIT_MS, 'every due reminder out before the notifications worker dies');
    // The last reminder falls due while no notifications worker runs: its send waits in its task queue.
    const restartNotifications = await portal.kill('notifications');
    await sleep(Math.max(0, start - (OFFSETS_MS[2] ?? 0) + 2_000 - Date.now()));
    await restartNotifications();

    await waitForView(token, 'the interview room to open', (view) => view.joinable);
    await portal.api.mutation('candidate.join', { token });
    await waitForView(token, 'COMPLETED', (view) => view.status === 'COMPLETED');

    // The thank-you follows the interview: wait for it, then every email must be there once.
    const mail = await eventually(async () => {
      const all = await sinkMessages(portal.sinkUrl, { to: candidate.email });
      return all.some((m) => m.Metadata.kind === 'thank_you') ? all : undefined;
    }, ASYNC_WAIT_MS, 'the thank-you email');
    expect(mail.map((m) => m.Metadata.kind)).toEqual(['invitation', 'confirmation', 'reminder', 'reminder', 'reminder', 'thank_you']);
    const rows = await reminderRows();
    // One log row per (slot, offset), each sent once, each the message the sink holds.
    const byOffset = new Map(rows.map((row) => [Number(row._id.split('|')[3]), row]));
    expect([...byOffset.keys()].sort((a, b) => b - a)).toEqual(OFFSETS_MS);
    for (const row of rows) expect(row).toMatchObject({ status: 'SENT', attempts: 1 });
    const reminderIds = mail.filter((m) => m.Metadata.kind === 'reminder').map((m) => m.MessageID);
    expect(reminderIds.sort()).toEqual(rows.map((row) => row.messageId).sort());

    // Each sent reminder is in HR's timeline once, read from its message-log row, not an audit event of its own
    // (labelled as the workflow labels its timers: 45 s reads "1min").
    const detail = await hr.query<{ events: { type: string; detail: string }[] }>('hr.interviews.get', { interviewId });
    // In the order they went out, which after the restart need not be the order they fell due.
    const lines = detail.events.filter((e) => /reminder sent$/.test(e.detail)).map((e) => e.detail);
    expect(lines.sort()).toEqual(['15s reminder sent', '1min reminder sent', '5s reminder sent']);
    if (!mongo.db) throw new Error('not connected to the portal database');
    expect(await mongo.db.collection('audit_events').countDocuments({ interviewId, detail: /reminder sent$/ })).toBe(0);

    // The 5 s reminder's send waited in its queue past MAIL_QUEUE_TIMEOUT_SECONDS while no notifications
    // worker ran: the lifecycle scheduled it again (and again), and still one email went out (above).
    const { events = [] } = await portalTemporalClient(temporal).workflow.getHandle(`interview-${interviewId}`).fetchHistory();
    const leftInQueue = (events ?? []).filter((e) => e.activityTaskTimedOutEventAttributes?.failure?.timeoutFailureInfo?.timeoutType === TIMEOUT_TYPE_SCHEDULE_TO_START);
    expect(leftInQueue.length).toBeGreaterThanOrEqual(1);
  });
});
