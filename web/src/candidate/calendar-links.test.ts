import { describe, expect, it } from 'vitest';
import { googleCalendarUrl, outlookCalendarUrl, toBasicUtc } from './calendar-links';

const event = {
  title: 'Technical interview — Backend engineer',
  start: '2025-03-04T10:30:00+01:00',
  end: '2025-03-04T11:30:00+01:00',
  details: 'Manage: https://jobs.example/b/abc',
};

describe('calendar links', () => {
  it('writes instants in UTC basic form whatever offset they came with', () => {
    expect(toBasicUtc(event.start)).toBe('20250304T093000Z');
  });

  it('builds a Google Calendar template link with start/end dates', () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe(event.title);
    expect(url.searchParams.get('dates')).toBe('20250304T093000Z/20250304T103000Z');
    expect(url.searchParams.get('details')).toBe(event.details);
  });

  it('builds an Outlook compose deeplink with ISO start and end', () => {
    const url = new URL(outlookCalendarUrl(event));
    expect(url.origin + url.pathname).toBe('https://outlook.live.com/calendar/0/deeplink/compose');
    expect(url.searchParams.get('subject')).toBe(event.title);
    expect(url.searchParams.get('startdt')).toBe('2025-03-04T09:30:00.000Z');
    expect(url.searchParams.get('enddt')).toBe('2025-03-04T10:30:00.000Z');
  });
});
