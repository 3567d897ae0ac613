import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, sinkMessages, ASYNC_WAIT_MS } from './support/fixtures';
import { SECOND_INTERVIEWS, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { recordHistory } from './support/record-history';

interface View {
  status: string;
  rescheduleCount: number;
  slot: { start: string } | null;
}

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let interviewerId: string;
const run = Date.now();

beforeAll(async () => {
  portal = await startPortal(import.meta.url, {
    ...SECOND_INTERVIEWS,
    REMINDER_OFFSETS_MINUTES: String(10 / 60),
    INVITATION_EXPIRY_MINUTES: String(20 / 60),
  });
  hr = await signInAsAdmin(portal.api);
  interviewerId = (await alwaysAvailableInterviewer(hr, 'Path Interviewer')).id;
});

afterAll(async () => {
  await portal?.stop();
});

async function invite(label: string) {
  return inviteAndReadLink(hr, portal.sinkUrl, { name: `Path ${label}`, email: `${label}.${run}@example.test` }, [interviewerId]);
}

async function waitForStatus(token: string, status: string, timeoutMs = 150_000): Promise<View> {
  return eventually(async () => {
    const view = await portal.api.query<View>('candidate.view', { token });
    return view.status === status ? view : undefined;
  }, timeoutMs, status);
}

async function slotsOf(token: string) {
  return (await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token })).slots;
}

describe('every lifecycle path', () => {
  it('a cancelled booking frees its slot at once and sends a cancellation', { timeout: 120_000 }, async () => {
    const { interviewId, token } = await invite('cancelled');
    const slot = (await slotsOf(token)).at(-1);
    await portal.api.mutation('candidate.book', { token, start: slot?.start });
    expect((await slotsOf(token)).map((s) => s.start)).not.toContain(slot?.start);
    const view = await portal.api.mutation<View>('candidate.cancel', { token, reason: 'Found another <job>' });
    expect(view.status).toBe('CANCELLED');
    const other = await invite('after-cancel');
    expect((await slotsOf(other.token)).map((s) => s.start)).toContain(slot?.start);
    await eventually(async () => {
      const messages = await sinkMessages(portal.sinkUrl, { to: `cancelled.${run}@example.test` });
      const cancelled = messages.find((m) => m.Metadata.kind === 'cancelled');
      return cancelled?.Attachments.some((a) => Buffer.from(a.Content, 'base64').toString().includes('METHOD:CANCEL'))
        ? cancelled
        : undefined;
    }, ASYNC_WAIT_MS, 'the cancellation email with METHOD:CANCEL');
    await recordHistory(interviewId, 'cancelled');
  });

  it('a booking rescheduled twice keeps one slot and counts both moves', { timeout: 120_000 }, async () => {
    const { interviewId, token } = await invite('rescheduled');
    const slots = await slotsOf(token);
    // Near the end of the horizon and at least 5 minutes apart: a claim holds whole 5-minute cells.
    const [a, b, c] = [slots.at(-1), slots.at(-70), slots.at(-140)].map((s) => s?.start);
    await portal.api.mutation('candidate.book', { token, start: a });
    await portal.api.mutation('candidate.reschedule', { token, start: b });
    const view = await portal.api.mutation<View>('candidate.reschedule', { token, start: c });
    expect(view.rescheduleCount).toBe(2);
    expect(view.slot?.start).toBe(c);
    const free = (await slotsOf(token)).map((s) => s.start);
    expect(free).toContain(a);
    expect(free).toContain(b);
    expect(free).not.toContain(c);
    await expect(portal.api.mutation('candidate.reschedule', { token, start: c })).rejects.toBeInstanceOf(ApiError);
    await recordHistory(interviewId, 'rescheduled-twice');
  });

  // The two paths that wait for a timer (the expiry, the end of an interview) wait side by side,
  // after the two that wait for none: neither books what the other reads.
  it('an unbooked invitation expires and the candidate is told', { timeout: 120_000, concurrent: true }, async ({ expect }) => {
    const { interviewId, token } = await invite('expired');
    await waitForStatus(token, 'EXPIRED', 60_000);
    const mail = await eventually(async () => {
      const messages = await sinkMessages(portal.sinkUrl, { to: `expired.${run}@example.test` });
      return messages.some((m) => m.Metadata.kind === 'expired') ? messages : undefined;
    }, ASYNC_WAIT_MS, 'the expiry email');
    expect(mail.map((m) => m.Metadata.kind)).toEqual(['invitation', 'expired']);
    await expect(portal.api.mutation('candidate.book', { token, start: new Date(Date.now() + 3_600_000).toISOString() }))
      .rejects.toMatchObject({ domainCode: 'LINK_EXPIRED' });
    await recordHistory(interviewId, 'expired');
  });

  it('a candidate who never joins is recorded as a no-show and told so', { timeout: 200_000, concurrent: true }, async () => {
    const { interviewId, token } = await invite('no-show');
    const slot = (await slotsOf(token)).find((s) => Date.parse(s.start) - Date.now() > 15_000);
    await portal.api.mutation('candidate.book', { token, start: slot?.start });
    await waitForStatus(token, 'NO_SHOW');
    await eventually(async () => {
      const messages = await sinkMessages(portal.sinkUrl, { to: `no-show.${run}@example.test` });
      return messages.some((m) => m.Metadata.kind === 'no_show') ? messages : undefined;
    }, ASYNC_WAIT_MS, 'the no-show email');
    await recordHistory(interviewId, 'no-show');
  });
});
