import { describe, expect, it } from 'vitest';
import { eventually } from './support/fixtures';
import { googleCalendarStandIn } from './support/google-calendar';
import { HOUR, PUSH_BOUND_MS, organisationCalendars, overlapping, wholeHourAhead } from './support/organisation-calendars';

const google = googleCalendarStandIn();
const calendars = organisationCalendars('google', Date.now());
const { calendarOf, slotsOf, closed, candidateFor, interviewer: googleInterviewer } = calendars;

describe('busy times in from Google Calendar', () => {
  it('an event created in the interviewer’s calendar hides the overlapping slots within 30 s by push; tentative counts, free and cancelled do not', async () => {
    const { id, email } = await googleInterviewer('push');
    const { token } = await candidateFor(id, 'Push');
    const [busy, tentative, free, cancelled] = [wholeHourAhead(5), wholeHourAhead(7), wholeHourAhead(9), wholeHourAhead(11)];
    expect(overlapping(await slotsOf(token), busy, busy + HOUR).length).toBeGreaterThan(0);

    const began = Date.now();
    await google.addEvent(email, { summary: 'Design review', start: new Date(busy), end: new Date(busy + HOUR) });
    await eventually(closed(token, busy), PUSH_BOUND_MS, 'the slots under the new event to close');
    console.log(`[google-calendar] push to hidden slot: ${Date.now() - began} ms`);
    expect((await google.deliveriesFor(email)).some((d) => d.state === 'exists' && d.status === 204)).toBe(true);

    await google.addEvent(email, { summary: 'Free focus time', start: new Date(free), end: new Date(free + HOUR), transparency: 'transparent' });
    await google.addEvent(email, { summary: 'Called off', start: new Date(cancelled), end: new Date(cancelled + HOUR), status: 'cancelled' });
    await google.addEvent(email, { summary: 'Maybe', start: new Date(tentative), end: new Date(tentative + HOUR), status: 'tentative' });
    await eventually(closed(token, tentative), PUSH_BOUND_MS, 'the slots under the tentative event to close');
    const starts = await slotsOf(token);
    expect(starts).toContain(busy + HOUR);
    expect(starts).toContain(free);
    expect(starts).toContain(cancelled);
    expect(await calendarOf(id)).toMatchObject({ provider: 'google', status: 'ok', problem: null, lastSyncAt: expect.any(String) });
  });
});

describe('faults at Google', () => {
  it('a revoked grant shows the connection failing (AUTH) to HR and the API; the busy times read before still count and the candidate books', async () => {
    const { id, email } = await googleInterviewer('revoked');
    const { token } = await candidateFor(id, 'Revoked');
    const busy = wholeHourAhead(6);
    await google.addEvent(email, { summary: 'Board meeting', start: new Date(busy), end: new Date(busy + HOUR) });
    await eventually(closed(token, busy), PUSH_BOUND_MS, 'the slots under the meeting to close');

    await google.revoke(email);
    // The next change is pushed as before; reading it now meets the revoked grant.
    await google.addEvent(email, { summary: 'Lunch', start: new Date(busy + 3 * HOUR), end: new Date(busy + 4 * HOUR) });
    const failing = await eventually(async () => {
      const calendar = await calendarOf(id);
      return calendar.status === 'failing' ? calendar : undefined;
    }, 60_000, 'the connection to show failing');
    expect(failing.problem?.code).toBe('AUTH');
    expect(failing.lastSyncAt).not.toBeNull();
    const status = await calendars.hr.query<{ provider: string; read: { failingSince: string | null; problem: { code: string } | null } }>('hr.calendars.status', { interviewerId: id });
    expect(status).toMatchObject({ provider: 'google', read: { failingSince: expect.any(String), problem: { code: 'AUTH' } } });

    const starts = await slotsOf(token);
    expect(overlapping(starts, busy, busy + HOUR)).toEqual([]);
    const chosen = wholeHourAhead(9);
    expect(starts).toContain(chosen);
    await calendars.portal.api.mutation('candidate.book', { token, start: new Date(chosen).toISOString() });
    await eventually(async () => ((await calendars.portal.api.query<{ status: string }>('candidate.view', { token })).status === 'SCHEDULED' ? true : undefined), 60_000, 'the booking');
  });

  it('in a storm of 429s no request goes out before Retry-After, the waits double, and the busy time counts once it is over', async () => {
    const { id, email } = await googleInterviewer('storm');
    const { token } = await candidateFor(id, 'Storm');
    const busy = wholeHourAhead(8);
    await google.fault(email, { status: 429, count: 3, retryAfterSeconds: 2 });
    const since = Date.now();
    const meeting = await google.addEvent(email, { summary: 'Storm meeting', start: new Date(busy), end: new Date(busy + HOUR) });
    // The calendar keeps changing meanwhile (a push every half second), and the portal still waits.
    const pushes = setInterval(() => void google.renameEvent(email, meeting.id, `Storm meeting ${Date.now()}`).catch(() => undefined), 500);
    try {
      await eventually(closed(token, busy), 90_000, 'the busy time once the storm is over');
    } finally {
      clearInterval(pushes);
    }
    const reads = (await google.callsFor(email)).filter((c) => c.method === 'GET' && Date.parse(c.at) >= since);
    const limited = reads.filter((c) => c.status === 429).map((c) => Date.parse(c.at));
    const answered = reads.find((c) => c.status === 200 && Date.parse(c.at) > (limited.at(-1) ?? Infinity));
    expect(limited).toHaveLength(3);
    const gaps = [...limited.slice(1), Date.parse(answered?.at ?? '')].map((at, i) => at - (limited[i] ?? 0));
    console.log(`[google-calendar] 429 storm: reads ${gaps.map((ms) => `${ms} ms`).join(', ')} after each refusal`);
    expect(gaps[0]).toBeGreaterThanOrEqual(2_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(4_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(8_000);
    expect(await calendarOf(id)).toMatchObject({ status: 'ok', problem: null });
  });
});
