import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsoftStandIn, type MicrosoftStandIn } from '../../testing/microsoft-stand-in';
import { declinedAttendees } from './microsoft-calendar';

let ms: MicrosoftStandIn;
beforeAll(async () => {
  ms = await microsoftStandIn();
});
afterAll(() => ms.close());

const at = (hhmm: string) => new Date(`2031-03-04T${hhmm}:00Z`);
const interview = (uid: string, from: string, to: string, sequence?: number) => ({ iCalUID: uid, summary: 'Interview', start: at(from), end: at(to), timeZone: 'Europe/London', ...(sequence === undefined ? {} : { sequence }) });

describe('Microsoft 365 calendar: busy times in', () => {
  it('counts busy, tentative and out-of-office as busy, and free or working elsewhere as free', async () => {
    const alice = ms.uniqueEmail('alice');
    const bob = ms.uniqueEmail('bob');
    await ms.busyEvent(alice, at('09:00'), at('09:30'), 'busy');
    await ms.busyEvent(alice, at('10:00'), at('11:00'), 'tentative');
    await ms.busyEvent(alice, at('10:30'), at('11:30'), 'oof');
    await ms.busyEvent(alice, at('12:00'), at('13:00'), 'free');
    await ms.busyEvent(alice, at('14:00'), at('15:00'), 'workingElsewhere');
    await ms.busyEvent(bob, at('07:00'), at('08:15'));

    const busy = await ms.appOnly().busy([alice, bob, 'carol@elsewhere.test'], at('08:00'), at('18:00'));

    expect(busy.get(alice)).toEqual({ ok: true, busy: [{ start: at('09:00'), end: at('09:30') }, { start: at('10:00'), end: at('11:30') }] });
    expect(busy.get(bob)).toEqual({ ok: true, busy: [{ start: at('08:00'), end: at('08:15') }] });
    const outside = busy.get('carol@elsewhere.test');
    expect(outside?.ok === false && outside.problem.code).toBe('NOT_FOUND');
  });

  it('reads changes since the delta link, deletions included, and the whole window again when Graph answers 410', async () => {
    const dana = ms.uniqueEmail('dana');
    const client = ms.appOnly();
    const first = await ms.busyEvent(dana, at('09:00'), at('10:00'));
    const full = await client.readEvents(dana, { syncToken: null, from: at('00:00'), to: at('23:59') });
    expect(full).toMatchObject({ full: true, events: [{ id: first.id, status: 'confirmed', transparent: false }] });
    expect(full.nextSyncToken).toContain('/calendarView/delta?$deltatoken=');

    const second = await ms.busyEvent(dana, at('11:00'), at('12:00'), 'tentative');
    await client.putEvent(dana, interview('int-0@interview-portal', '13:00', '14:00'));
    await client.deleteEvent(dana, 'int-0@interview-portal');
    const changes = await client.readEvents(dana, { syncToken: full.nextSyncToken, from: at('00:00'), to: at('23:59') });
    expect(changes.full).toBe(false);
    expect(changes.events.map((e) => [e.id === second.id ? 'second' : 'interview', e.status])).toEqual([
      ['second', 'tentative'],
      ['interview', 'cancelled'],
    ]);

    await ms.control('POST', `/users/${encodeURIComponent(dana)}/invalidate-delta`);
    const again = await client.readEvents(dana, { syncToken: changes.nextSyncToken, from: at('00:00'), to: at('23:59') });
    expect(again.full).toBe(true);
    expect(again.events.map((e) => e.id).sort()).toEqual([first.id, second.id].sort());
    expect((await ms.calls()).filter((c) => c.path.endsWith('/calendarView/delta') && c.status === 410)).toHaveLength(1);
  });

  it('follows @odata.nextLink through a window larger than one page', async () => {
    const erin = ms.uniqueEmail('erin');
    await Promise.all(Array.from({ length: 7 }, () => ms.busyEvent(erin, at('09:00'), at('09:30'))));
    const read = await ms.appOnly(3).readEvents(erin, { syncToken: null, from: at('00:00'), to: at('23:59') });
    expect(new Set(read.events.map((e) => e.id)).size).toBe(7);
    expect(read.nextSyncToken).toEqual(expect.any(String));
    expect((await ms.calls()).filter((c) => c.path === `/users/${encodeURIComponent(erin)}/calendarView/delta`)).toHaveLength(3);
  });
});

describe('Microsoft 365 calendar: interviews out', () => {
  it('puts an interview twice under one iCalUID as one event, updated in place', async () => {
    const frank = ms.uniqueEmail('frank');
    const client = ms.appOnly();
    const created = await client.putEvent(frank, interview('int-1@interview-portal', '09:00', '10:00'));
    const moved = await client.putEvent(frank, interview('int-1@interview-portal', '13:00', '14:00'));
    expect(created.result).toBe('created');
    expect(moved).toEqual({ eventId: created.eventId, result: 'updated' });
    const event = await client.getEvent(frank, 'int-1@interview-portal');
    expect(event).toMatchObject({ id: created.eventId, portalUID: 'int-1@interview-portal', status: 'confirmed', start: at('13:00'), end: at('14:00') });
    const read = await client.readEvents(frank, { syncToken: null, from: at('00:00'), to: at('23:59') });
    expect(read.events.map((e) => e.id)).toEqual([created.eventId]);
  });

  it('leaves one event when two writers put the same interview at once', async () => {
    const gina = ms.uniqueEmail('gina');
    const [one, two] = await Promise.all([ms.appOnly().putEvent(gina, interview('race@interview-portal', '09:00', '10:00')), ms.appOnly().putEvent(gina, interview('race@interview-portal', '09:00', '10:00'))]);
    expect(one.eventId).toBe(two.eventId);
    expect((await ms.appOnly().readEvents(gina, { syncToken: null, from: at('00:00'), to: at('23:59') })).events).toHaveLength(1);
  });

  it('reads an attendee’s decline from the event, and the change shows in the next delta', async () => {
    const hugo = ms.uniqueEmail('hugo');
    const ines = ms.uniqueEmail('ines');
    const client = ms.appOnly();
    const { eventId } = await client.putEvent(hugo, { ...interview('int-2@interview-portal', '09:00', '10:00'), attendees: [{ email: hugo }, { email: ines, displayName: 'Ines' }] });
    const before = await client.readEvents(hugo, { syncToken: null, from: at('00:00'), to: at('23:59') });
    await ms.answer(hugo, eventId, ines, 'declined');
    const event = await client.getEvent(hugo, 'int-2@interview-portal');
    expect(event && declinedAttendees(event)).toEqual([ines]);
    const changes = await client.readEvents(hugo, { syncToken: before.nextSyncToken, from: at('00:00'), to: at('23:59') });
    expect(changes.events.map((e) => declinedAttendees(e))).toEqual([[ines]]);
    await client.putEvent(hugo, { ...interview('int-2@interview-portal', '11:00', '12:00'), attendees: [{ email: hugo }, { email: ines }] });
    expect((await client.getEvent(hugo, 'int-2@interview-portal'))?.attendees).toContainEqual({ email: ines, responseStatus: 'declined', self: false });
  });

  it('deletes the interview’s event once; deleting again finds it absent, and a later put makes it again', async () => {
    const ivy = ms.uniqueEmail('ivy');
    const client = ms.appOnly();
    await client.putEvent(ivy, interview('int-3@interview-portal', '09:00', '10:00'));
    expect(await client.deleteEvent(ivy, 'int-3@interview-portal')).toBe('deleted');
    expect(await client.deleteEvent(ivy, 'int-3@interview-portal')).toBe('already absent');
    expect((await client.busy([ivy], at('08:00'), at('11:00'))).get(ivy)).toEqual({ ok: true, busy: [] });
    const again = await client.putEvent(ivy, interview('int-3@interview-portal', '09:00', '10:00'));
    expect(again.result).toBe('created');
    expect((await client.busy([ivy], at('08:00'), at('11:00'))).get(ivy)).toEqual({ ok: true, busy: [{ start: at('09:00'), end: at('10:00') }] });
  });

  it('leaves an event at a newer version of the portal’s alone: an older put or delete retried late changes nothing', async () => {
    const jude = ms.uniqueEmail('jude');
    const client = ms.appOnly();
    const uid = 'int-4@interview-portal';
    const { eventId } = await client.putEvent(jude, interview(uid, '09:00', '10:00', 1));
    expect(await client.putEvent(jude, interview(uid, '15:00', '16:00', 3))).toEqual({ eventId, result: 'updated' });
    expect(await client.putEvent(jude, interview(uid, '09:00', '10:00', 2))).toEqual({ eventId, result: 'a newer version is there' });
    expect(await client.deleteEvent(jude, uid, 2)).toBe('a newer version is there');
    expect(await client.getEvent(jude, uid)).toMatchObject({ id: eventId, start: at('15:00'), end: at('16:00') });
    expect(await client.putEvent(jude, interview(uid, '15:00', '16:00', 3))).toEqual({ eventId, result: 'updated' });
    expect(await client.deleteEvent(jude, uid, 4)).toBe('deleted');
  });
});
