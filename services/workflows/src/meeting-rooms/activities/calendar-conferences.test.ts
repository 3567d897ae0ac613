import { ApplicationFailure } from '@temporalio/activity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleStandIn, type GoogleStandIn } from '@portal/calendar/testing/google-stand-in';
import { microsoftStandIn, type MicrosoftStandIn } from '@portal/calendar/testing/microsoft-stand-in';
import { googleMeetRooms, meetEventId, teamsEventUid, teamsRooms } from './calendar-conferences';

let google: GoogleStandIn;
let microsoft: MicrosoftStandIn;
beforeAll(async () => {
  [google, microsoft] = await Promise.all([googleStandIn('example.test'), microsoftStandIn('example.test')]);
});
afterAll(async () => {
  await Promise.all([google?.close(), microsoft?.close()]);
});

const start = '2030-05-02T13:00:00.000Z';
const window = { nbf: Date.parse(start) / 1000 - 600, exp: Date.parse(start) / 1000 + 5_400, start, end: '2030-05-02T13:45:00.000Z' };
const later = { ...window, start: '2030-05-03T08:00:00.000Z', end: '2030-05-03T08:45:00.000Z' };
let rooms = 0;
const nextRoom = () => `interview-${(rooms += 1).toString(16).padStart(24, '0')}`;

describe('Google Meet on the hiring team’s calendar', () => {
  const meet = (organiser: string) => googleMeetRooms(organiser, async () => google.delegated(organiser));

  it('makes one conference per room: a retried create answers the first one’s link; a move keeps it; a cancel deletes the event', async () => {
    const organiser = google.uniqueEmail('interviews');
    const room = nextRoom();
    const { url } = await meet(organiser).open(room, window);
    expect(url).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(await meet(organiser).open(room, window, { retried: true })).toEqual({ url });
    const events = (await google.admin.events.list({ calendarId: organiser, showDeleted: true })).data.items ?? [];
    expect(events.map((e) => [e.id, e.hangoutLink, Date.parse(e.start?.dateTime ?? '')])).toEqual([[meetEventId(room), url, Date.parse(start)]]);

    expect(await meet(organiser).move(room, later)).toEqual({ url });
    const moved = (await google.admin.events.get({ calendarId: organiser, eventId: meetEventId(room) })).data;
    expect([moved.hangoutLink, Date.parse(moved.start?.dateTime ?? '')]).toEqual([url, Date.parse(later.start)]);

    expect(await meet(organiser).close(room)).toBe('deleted');
    expect(await meet(organiser).close(room)).toBe('already absent');
    expect((await google.admin.events.get({ calendarId: organiser, eventId: meetEventId(room) })).data.status).toBe('cancelled');
  });

  it('without the organisation’s Google connection refuses once, saying what to set up', async () => {
    const refused = await googleMeetRooms('interviews@example.test', async () => null).open(nextRoom(), window).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect((refused as ApplicationFailure).type).toBe('MEETING_PROVIDER_NOT_CONFIGURED');
    expect((refused as ApplicationFailure).nonRetryable).toBe(true);
  });
});

describe('Microsoft Teams on the hiring team’s mailbox', () => {
  const teams = (organiser: string) => teamsRooms(organiser, async () => microsoft.appOnly());
  const eventsOf = async (organiser: string) => [...(await microsoft.appOnly().portalEvents(organiser)).values()];

  it('makes one meeting per room: a retried create answers the first one’s link; a move keeps it; a cancel deletes the event', async () => {
    const organiser = microsoft.uniqueEmail('interviews');
    const room = nextRoom();
    const { url } = await teams(organiser).open(room, window);
    expect(url).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(await teams(organiser).open(room, window, { retried: true })).toEqual({ url });
    expect(await eventsOf(organiser)).toEqual([teamsEventUid(room)]);

    expect(await teams(organiser).move(room, later)).toEqual({ url });
    expect(await teams(organiser).close(room)).toBe('deleted');
    expect(await teams(organiser).close(room)).toBe('already absent');
    expect(await eventsOf(organiser)).toEqual([]);
  });
});
