import { describe, expect, it } from 'vitest';
import { eventually } from './support/fixtures';
import { microsoftGraphStandIn } from './support/microsoft-graph';
import { HOUR, PUSH_BOUND_MS, organisationCalendars, overlapping, wholeHourAhead } from './support/organisation-calendars';

const graph = microsoftGraphStandIn();
const calendars = organisationCalendars('microsoft', Date.now());
const { calendarOf, slotsOf, closed, candidateFor, interviewer: microsoftInterviewer } = calendars;

describe('busy times in from Microsoft 365', () => {
  it('an event created in the interviewer’s mailbox hides the overlapping slots within 30 s by a change notification; tentative counts, free does not', async () => {
    const { id, email } = await microsoftInterviewer('push');
    const { token } = await candidateFor(id, 'Push');
    const [busy, tentative, free] = [wholeHourAhead(5), wholeHourAhead(7), wholeHourAhead(9)];
    expect(overlapping(await slotsOf(token), busy, busy + HOUR).length).toBeGreaterThan(0);

    const began = Date.now();
    await graph.addEvent(email, { subject: 'Design review', start: new Date(busy), end: new Date(busy + HOUR) });
    await eventually(closed(token, busy), PUSH_BOUND_MS, 'the slots under the new event to close');
    console.log(`[microsoft-calendar] change notification to hidden slot: ${Date.now() - began} ms`);
    expect((await graph.deliveries()).some((d) => d.kind === 'notification' && d.status === 202)).toBe(true);

    await graph.addEvent(email, { subject: 'Focus time', start: new Date(free), end: new Date(free + HOUR), showAs: 'free' });
    await graph.addEvent(email, { subject: 'Maybe', start: new Date(tentative), end: new Date(tentative + HOUR), showAs: 'tentative' });
    await eventually(closed(token, tentative), PUSH_BOUND_MS, 'the slots under the tentative event to close');
    const starts = await slotsOf(token);
    expect(starts).toContain(busy + HOUR);
    expect(starts).toContain(free);
    expect(await calendarOf(id)).toMatchObject({ provider: 'microsoft', status: 'ok', problem: null, lastSyncAt: expect.any(String) });
  });
});

describe('interviews out to Microsoft 365', () => {
  it('booking puts one event with the portal’s iCalUID (in its extended property) into the member’s calendar', async () => {
    const { id, email } = await microsoftInterviewer('events');
    const { interviewId, token } = await candidateFor(id, 'Events');
    const chosen = wholeHourAhead(6);
    expect(await slotsOf(token)).toContain(chosen);
    await calendars.portal.api.mutation('candidate.book', { token, start: new Date(chosen).toISOString() });
    const uid = `${interviewId}@interview-portal`;
    const found = await eventually(async () => {
      const events = (await graph.portalEvents(email)).filter((e) => e.uid === uid);
      return events.length > 0 ? events : undefined;
    }, 60_000, 'the event in the member’s calendar');
    expect(found).toHaveLength(1);
    expect(found[0]?.attendees?.map((a) => a.emailAddress?.address?.toLowerCase())).toContain(email);
    // The interview's own event is not a clash: the slot stays the candidate's and the calendar reads ok.
    await eventually(async () => ((await calendarOf(id)).status === 'ok' ? true : undefined), 60_000, 'the calendar read after the booking');
    expect((await calendars.portal.api.query<{ status: string }>('candidate.view', { token })).status).toBe('SCHEDULED');
  });
});

describe('faults at Microsoft', () => {
  it('the app’s secret removed shows the connection failing (AUTH) to HR and the API; the busy times read before still count and the candidate books', async () => {
    const { id, email } = await microsoftInterviewer('revoked');
    const { token } = await candidateFor(id, 'Revoked');
    const busy = wholeHourAhead(6);
    await graph.addEvent(email, { subject: 'Board meeting', start: new Date(busy), end: new Date(busy + HOUR) });
    await eventually(closed(token, busy), PUSH_BOUND_MS, 'the slots under the meeting to close');

    await graph.revokeApp();
    try {
      // The next change is notified as before; reading it now meets the refused app.
      await graph.addEvent(email, { subject: 'Lunch', start: new Date(busy + 3 * HOUR), end: new Date(busy + 4 * HOUR) });
      const failing = await eventually(async () => {
        const calendar = await calendarOf(id);
        return calendar.status === 'failing' ? calendar : undefined;
      }, 90_000, 'the connection to show failing');
      expect(failing.problem?.code).toBe('AUTH');
      expect(failing.lastSyncAt).not.toBeNull();
      const status = await calendars.hr.query<{ provider: string; read: { failingSince: string | null; problem: { code: string } | null } }>('hr.calendars.status', { interviewerId: id });
      expect(status).toMatchObject({ provider: 'microsoft', read: { failingSince: expect.any(String), problem: { code: 'AUTH' } } });

      const starts = await slotsOf(token);
      expect(overlapping(starts, busy, busy + HOUR)).toEqual([]);
      const chosen = wholeHourAhead(9);
      expect(starts).toContain(chosen);
      await calendars.portal.api.mutation('candidate.book', { token, start: new Date(chosen).toISOString() });
      await eventually(async () => ((await calendars.portal.api.query<{ status: string }>('candidate.view', { token })).status === 'SCHEDULED' ? true : undefined), 60_000, 'the booking');
    } finally {
      await graph.restoreApp();
    }
  });

  it('in a storm of 429s no request goes out before Retry-After, the waits double, and the busy time counts once it is over', async () => {
    const { id, email } = await microsoftInterviewer('storm');
    const { token } = await candidateFor(id, 'Storm');
    const busy = wholeHourAhead(8);
    await graph.fault(email, { status: 429, count: 3, retryAfterSeconds: 2 });
    const since = Date.now();
    await graph.addEvent(email, { subject: 'Storm meeting', start: new Date(busy), end: new Date(busy + HOUR) });
    // The mailbox keeps changing meanwhile (a notification every half second), and the portal still waits.
    const pushes = setInterval(() => void graph.addEvent(email, { subject: 'Free', start: new Date(busy + 2 * HOUR), end: new Date(busy + 3 * HOUR), showAs: 'free' }).catch(() => undefined), 500);
    try {
      await eventually(closed(token, busy), 90_000, 'the busy time once the storm is over');
    } finally {
      clearInterval(pushes);
    }
    const reads = (await graph.callsFor(email)).filter((c) => c.method === 'GET' && Date.parse(c.at) >= since);
    const limited = reads.filter((c) => c.status === 429).map((c) => Date.parse(c.at));
    const answered = reads.find((c) => c.status === 200 && Date.parse(c.at) > (limited.at(-1) ?? Infinity));
    expect(limited).toHaveLength(3);
    const gaps = [...limited.slice(1), Date.parse(answered?.at ?? '')].map((at, i) => at - (limited[i] ?? 0));
    console.log(`[microsoft-calendar] 429 storm: reads ${gaps.map((ms) => `${ms} ms`).join(', ')} after each refusal`);
    expect(gaps[0]).toBeGreaterThanOrEqual(2_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(4_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(8_000);
    expect(await calendarOf(id)).toMatchObject({ status: 'ok', problem: null });
  });
});
