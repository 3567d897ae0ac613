import { describe, expect, it } from 'vitest';
import { eventDetails, googleCalendarUrl, office365CalendarUrl, outlookCalendarUrl, toBasicUtc } from './calendar-links';

const event = {
  title: 'Technical interview — Backend engineer',
  start: '2025-03-04T10:30:00+01:00',
  end: '2025-03-04T11:30:00+01:00',
  location: 'https://meet.example/abc',
  details: eventDetails('https://meet.example/abc', 'https://jobs.example/b/abc', 'Grace Hopper'),
};

describe('calendar links', () => {
  it('writes instants in UTC basic form whatever offset they came with', () => {
    expect(toBasicUtc(event.start)).toBe('20250304T093000Z');
  });

  it('puts the meeting link and the manage link in every event, each on its own line', () => {
    expect(event.details).toBe(
      'Interview with Grace Hopper.\nJoin: https://meet.example/abc\nJoin, reschedule or cancel: https://jobs.example/b/abc',
    );
    expect(eventDetails(null, 'https://jobs.example/b/abc', 'Grace Hopper')).not.toContain('Join: ');
  });

  it('builds a Google Calendar template link with start/end dates, notes and the meeting as location', () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe(event.title);
    expect(url.searchParams.get('dates')).toBe('20250304T093000Z/20250304T103000Z');
    expect(url.searchParams.get('details')).toBe(event.details);
    expect(url.searchParams.get('location')).toBe('https://meet.example/abc');
  });

  it.each([
    ['Outlook.com', outlookCalendarUrl, 'https://outlook.live.com'],
    ['Office 365', office365CalendarUrl, 'https://outlook.office.com'],
  ])('builds an %s compose deeplink with ISO start and end, notes and location', (_name, build, origin) => {
    const url = new URL(build(event));
    expect(url.origin + url.pathname).toBe(`${origin}/calendar/0/deeplink/compose`);
    expect(url.searchParams.get('subject')).toBe(event.title);
    expect(url.searchParams.get('startdt')).toBe('2025-03-04T09:30:00.000Z');
    expect(url.searchParams.get('enddt')).toBe('2025-03-04T10:30:00.000Z');
    expect(url.searchParams.get('body')).toContain('https://jobs.example/b/abc');
    expect(url.searchParams.get('location')).toBe('https://meet.example/abc');
  });
});
