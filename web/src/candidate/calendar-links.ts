export interface CalendarEvent {
  title: string;
  start: string;
  end: string;
  /** Where to join (the meeting link), when there is one. */
  location?: string | undefined;
  /** How to join, change or cancel: the meeting link and the candidate's page. */
  details: string;
}

/** The notes' sentences, in the page's language. */
export interface EventWords {
  with: (names: string) => string;
  join: (url: string) => string;
  manage: (url: string) => string;
}

const ENGLISH: EventWords = {
  with: (names) => `Interview with ${names}.`,
  join: (url) => `Join: ${url}`,
  manage: (url) => `Join, reschedule or cancel: ${url}`,
};

/** The event's notes: the meeting link and the candidate's page, each on its own line. */
export function eventDetails(meetingUrl: string | null, manageUrl: string, panel: string, words: EventWords = ENGLISH): string {
  return [words.with(panel), ...(meetingUrl ? [words.join(meetingUrl)] : []), words.manage(manageUrl)].join('\n');
}

/** 20250304T093000Z — the UTC "basic" form Google Calendar expects. */
export function toBasicUtc(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

export function googleCalendarUrl(event: CalendarEvent): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${toBasicUtc(event.start)}/${toBasicUtc(event.end)}`,
    details: event.details,
  });
  if (event.location) params.set('location', event.location);
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/** Outlook.com (personal accounts) and Office 365 (work accounts) take the same compose deeplink. */
function outlookComposeUrl(origin: string, event: CalendarEvent): string {
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: event.title,
    startdt: new Date(event.start).toISOString(),
    enddt: new Date(event.end).toISOString(),
    body: event.details,
  });
  if (event.location) params.set('location', event.location);
  return `${origin}/calendar/0/deeplink/compose?${params.toString()}`;
}

export const outlookCalendarUrl = (event: CalendarEvent) => outlookComposeUrl('https://outlook.live.com', event);
export const office365CalendarUrl = (event: CalendarEvent) => outlookComposeUrl('https://outlook.office.com', event);
