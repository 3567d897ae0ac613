import ICAL from 'ical.js';

/**
 * Another CalDAV client than the portal's (tsdav): plain fetch and hand-written WebDAV bodies,
 * calendar data read by ical.js. Plays "the interviewer's own calendar app" in tests.
 */
export function plainCalDav(serverUrl: string, username: string, password: string) {
  const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const home = new URL(`${encodeURIComponent(username)}/`, serverUrl).toString();

  async function request(method: string, url: string, body?: string, headers: Record<string, string> = {}) {
    const response = await fetch(url, { method, body, headers: { authorization: auth, ...headers } });
    return { status: response.status, etag: response.headers.get('etag'), text: await response.text() };
  }

  return {
    home,
    async makeCalendar(name: string): Promise<string> {
      const url = `${home}${name}/`;
      const body = `<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>${name}</D:displayname></D:prop></D:set></C:mkcalendar>`;
      const { status } = await request('MKCALENDAR', url, body, { 'content-type': 'application/xml' });
      if (status !== 201) throw new Error(`MKCALENDAR ${url}: ${status}`);
      return url;
    },
    async putEvent(calendarUrl: string, name: string, ics: string): Promise<void> {
      const { status } = await request('PUT', `${calendarUrl}${name}.ics`, ics, { 'content-type': 'text/calendar' });
      if (status >= 300) throw new Error(`PUT ${name}: ${status}`);
    },
    /** Every event in the calendar, parsed: uid, SEQUENCE, start, end, summary. */
    async events(calendarUrl: string) {
      const body = `<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter></C:calendar-query>`;
      const { status, text } = await request('REPORT', calendarUrl, body, { 'content-type': 'application/xml', depth: '1' });
      if (status !== 207) throw new Error(`REPORT ${calendarUrl}: ${status}`);
      const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#13;/g, '\r').replace(/&amp;/g, '&');
      const datas = [...text.matchAll(/<(?:\w+:)?calendar-data[^>]*>([\s\S]*?)<\/(?:\w+:)?calendar-data>/g)].map((m) => unescape(m[1] ?? ''));
      return datas.map((data) => {
        const event = new ICAL.Event(new ICAL.Component(ICAL.parse(data)).getFirstSubcomponent('vevent') ?? undefined);
        return {
          uid: event.uid,
          sequence: event.sequence,
          start: event.startDate.toJSDate().toISOString(),
          end: event.endDate.toJSDate().toISOString(),
          summary: event.summary,
          location: event.location || null,
          hasMethod: /^METHOD:/m.test(data),
        };
      });
    },
  };
}

/** An iCalendar object with one event, as a calendar app would write it. */
export function eventIcs(uid: string, start: Date, end: Date, extra: string[] = []): string {
  const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//tests//plain//EN', 'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp(new Date())}`,
    `DTSTART:${stamp(start)}`, `DTEND:${stamp(end)}`, 'SUMMARY:Busy elsewhere', ...extra, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}
