import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleStandIn, type GoogleStandIn } from '../../testing/google-stand-in';

let google: GoogleStandIn;
beforeAll(async () => {
  google = await googleStandIn();
});
afterAll(() => google.close());

const at = (hhmm: string) => new Date(`2031-03-04T${hhmm}:00Z`);
const timed = (from: string, to: string) => ({ start: { dateTime: at(from).toISOString() }, end: { dateTime: at(to).toISOString() } });
const interview = (uid: string, from: string, to: string, sequence = 0) => ({ iCalUID: uid, summary: 'Interview', start: at(from), end: at(to), timeZone: 'Europe/London', sequence });

describe('Google calendar: busy times in', () => {
  it('counts confirmed and tentative events as busy, and transparent, cancelled or declined ones as free', async () => {
    const alice = google.uniqueEmail('alice');
    const bob = google.uniqueEmail('bob');
    await google.seed(alice, { summary: 'standup', ...timed('09:00', '09:30') });
    await google.seed(alice, { summary: 'maybe', status: 'tentative', ...timed('10:00', '11:00') });
    await google.seed(alice, { summary: 'focus (free)', transparency: 'transparent', ...timed('12:00', '13:00') });
    await google.seed(alice, { summary: 'called off', status: 'cancelled', ...timed('14:00', '15:00') });
    await google.seed(alice, { summary: 'declined', attendees: [{ email: alice, responseStatus: 'declined' }], ...timed('16:00', '17:00') });
    await google.seed(bob, { summary: 'one-to-one', ...timed('09:15', '10:15') });

    const busy = await google.delegated(alice).busy([alice, bob, 'carol@elsewhere.test'], at('08:00'), at('18:00'));

    expect(busy.get(alice)).toEqual({ ok: true, busy: [{ start: at('09:00'), end: at('09:30') }, { start: at('10:00'), end: at('11:00') }] });
    expect(busy.get(bob)).toEqual({ ok: true, busy: [{ start: at('09:15'), end: at('10:15') }] });
    const outside = busy.get('carol@elsewhere.test');
    expect(outside?.ok === false && outside.problem.code).toBe('NOT_FOUND');
  });

  it('reads changes since the sync token, deletions included, and the whole window again when Google answers 410', async () => {
    const dana = google.uniqueEmail('dana');
    const client = google.delegated(dana);
    const first = await google.seed(dana, { summary: 'one', ...timed('09:00', '10:00') });
    const full = await client.readEvents(dana, { syncToken: null, from: at('00:00'), to: at('23:59') });
    expect(full).toMatchObject({ full: true, events: [{ id: first.id, status: 'confirmed' }] });
    expect(full.nextSyncToken).toEqual(expect.any(String));

    const second = await google.seed(dana, { summary: 'two', ...timed('11:00', '12:00') });
    await google.admin.events.delete({ calendarId: dana, eventId: first.id ?? '' });
    const changes = await client.readEvents(dana, { syncToken: full.nextSyncToken, from: at('00:00'), to: at('23:59') });
    expect(changes.full).toBe(false);
    expect(changes.events.map((e) => [e.id, e.status])).toEqual([
      [first.id, 'cancelled'],
      [second.id, 'confirmed'],
    ]);

    await google.control('POST', `/calendars/${encodeURIComponent(dana)}/invalidate-sync-tokens`);
    const again = await client.readEvents(dana, { syncToken: changes.nextSyncToken, from: at('00:00'), to: at('23:59') });
    expect(again.full).toBe(true);
    expect(again.events.map((e) => e.id)).toEqual([second.id]);
    expect(again.nextSyncToken).not.toBe(changes.nextSyncToken);
    expect((await google.calls()).filter((c) => c.path === `/calendars/${encodeURIComponent(dana)}/events` && c.status === 410)).toHaveLength(1);
  });

  it('reads a calendar of more events than one page holds, following the page tokens', async () => {
    const erin = google.uniqueEmail('erin');
    await Promise.all(Array.from({ length: 7 }, (_, i) => google.seed(erin, { summary: `e${i}`, ...timed('09:00', '09:30') })));
    const read = await google.delegated(erin, 3).readEvents(erin, { syncToken: null, from: at('00:00'), to: at('23:59') });
    expect(new Set(read.events.map((e) => e.id)).size).toBe(7);
    expect(read.nextSyncToken).toEqual(expect.any(String));
    expect((await google.calls()).filter((c) => c.path === `/calendars/${encodeURIComponent(erin)}/events` && c.method === 'GET')).toHaveLength(3);
  });
});

describe('Google calendar: interviews out', () => {
  it('puts an interview twice under one iCalUID as one event, updated in place', async () => {
    const frank = google.uniqueEmail('frank');
    const client = google.delegated(frank);
    const uid = 'int-1@interview-portal';
    const created = await client.putEvent(frank, interview(uid, '09:00', '10:00'));
    const moved = await client.putEvent(frank, interview(uid, '13:00', '14:00', 1));
    expect(created.result).toBe('created');
    expect(moved).toEqual({ eventId: created.eventId, result: 'updated' });
    const events = await google.withICalUID(frank, uid);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: created.eventId, iCalUID: uid, status: 'confirmed', sequence: 1, start: { dateTime: at('13:00').toISOString(), timeZone: 'Europe/London' } });
  });

  it('leaves one event when two writers put the same interview at once', async () => {
    const gina = google.uniqueEmail('gina');
    const client = google.delegated(gina);
    await Promise.all([client.putEvent(gina, interview('race@interview-portal', '09:00', '10:00')), client.putEvent(gina, interview('race@interview-portal', '09:00', '10:00'))]);
    expect(await google.withICalUID(gina, 'race@interview-portal')).toHaveLength(1);
  });

  it('keeps an attendee’s answer when the interview moves', async () => {
    const hugo = google.uniqueEmail('hugo');
    const client = google.delegated(hugo);
    const { eventId } = await client.putEvent(hugo, { ...interview('int-2@interview-portal', '09:00', '10:00'), attendees: [{ email: hugo }] });
    await google.admin.events.patch({ calendarId: hugo, eventId, requestBody: { attendees: [{ email: hugo, responseStatus: 'accepted' }] } });
    await client.putEvent(hugo, { ...interview('int-2@interview-portal', '11:00', '12:00', 1), attendees: [{ email: hugo }] });
    const [event] = await google.withICalUID(hugo, 'int-2@interview-portal');
    expect(event?.attendees).toEqual([expect.objectContaining({ email: hugo, responseStatus: 'accepted', self: true })]);
  });

  it('deletes the interview’s event once; deleting again finds it already absent, and a later put brings back the same event', async () => {
    const ivy = google.uniqueEmail('ivy');
    const client = google.delegated(ivy);
    const { eventId } = await client.putEvent(ivy, interview('int-3@interview-portal', '09:00', '10:00'));
    expect(await client.deleteEvent(ivy, 'int-3@interview-portal')).toBe('deleted');
    expect(await client.deleteEvent(ivy, 'int-3@interview-portal')).toBe('already absent');
    expect((await google.withICalUID(ivy, 'int-3@interview-portal')).map((e) => e.status)).toEqual(['cancelled']);
    expect((await google.delegated(ivy).busy([ivy], at('08:00'), at('11:00'))).get(ivy)).toEqual({ ok: true, busy: [] });

    expect(await client.putEvent(ivy, interview('int-3@interview-portal', '09:00', '10:00', 2))).toEqual({ eventId, result: 'updated' });
    expect((await google.withICalUID(ivy, 'int-3@interview-portal')).map((e) => e.status)).toEqual(['confirmed']);
  });

  it('leaves an event at a newer version of the portal’s alone: an older put or delete retried late changes nothing', async () => {
    const jude = google.uniqueEmail('jude');
    const client = google.delegated(jude);
    const uid = 'int-4@interview-portal';
    const { eventId } = await client.putEvent(jude, interview(uid, '13:00', '14:00', 3));
    // Google raises its own sequence on some changes; the portal's version is its own property.
    await google.admin.events.patch({ calendarId: jude, eventId, requestBody: { sequence: 7 } });
    expect(await client.putEvent(jude, interview(uid, '09:00', '10:00', 2))).toEqual({ eventId, result: 'a newer version is there' });
    expect(await client.deleteEvent(jude, uid, 2)).toBe('a newer version is there');
    const [kept] = await google.withICalUID(jude, uid);
    expect(kept).toMatchObject({ status: 'confirmed', start: { dateTime: at('13:00').toISOString() }, extendedProperties: { private: { interviewPortalSequence: '3' } } });
    expect(await client.putEvent(jude, interview(uid, '15:00', '16:00', 4))).toEqual({ eventId, result: 'updated' });
    expect((await google.withICalUID(jude, uid))[0]).toMatchObject({ sequence: 7, start: { dateTime: at('15:00').toISOString() } });
    expect(await client.deleteEvent(jude, uid, 4)).toBe('deleted');
  });

  it('imports the event from the hiring team, so the interviewer’s copy is an invitation they answer; an update keeps that organizer', async () => {
    const kay = google.uniqueEmail('kay');
    const client = google.delegated(kay);
    const uid = 'int-5@interview-portal';
    const organizer = { email: 'hiring@example.test', displayName: 'Hiring team' };
    await client.putEvent(kay, { ...interview(uid, '09:00', '10:00', 1), organizer, attendees: [{ email: kay, displayName: 'Kay' }] });
    await client.putEvent(kay, { ...interview(uid, '10:00', '11:00', 2), organizer: { email: 'someone-else@example.test' }, attendees: [{ email: kay }] });
    const [event] = await google.withICalUID(kay, uid);
    expect(event?.organizer).toMatchObject(organizer);
    expect(event?.attendees).toEqual([expect.objectContaining({ email: kay, self: true, responseStatus: 'needsAction' })]);
  });
});
