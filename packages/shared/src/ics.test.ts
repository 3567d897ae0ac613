import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildInterviewIcs, calendarMethodFor } from './ics';
import { sampleFacts } from './testing/email-facts';

const now = new Date('2026-03-01T08:00:00.000Z');

/** The address of a mailto: value; the scheme is case-insensitive (RFC 3986), ical-generator writes MAILTO:. */
const address = (value: unknown) => String(value).replace(/^mailto:/i, '');

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return { calendar, event };
}

describe('buildInterviewIcs', () => {
  it('writes a REQUEST that an independent parser reads back field by field', () => {
    const facts = sampleFacts({ calendarSequence: 2, meetingUrl: 'https://meet.example.test/room-1' });
    const { calendar, event } = parse(buildInterviewIcs({ method: 'REQUEST', facts, now }));

    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('uid')).toBe('iv_0001@interview-portal');
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
    expect(start.zone?.tzid).toBe('UTC');
    expect(start.toJSDate().toISOString()).toBe('2026-03-10T13:00:00.000Z');
    expect(end.toJSDate().toISOString()).toBe('2026-03-10T14:00:00.000Z');
    expect(event.getFirstPropertyValue('summary')).toBe('Technical interview: Backend Engineer');
    expect(event.getFirstPropertyValue('description')).toContain('Manage your booking: https://portal.example.test/i/abc.def.ghi');
    expect(event.getFirstPropertyValue('location')).toBe('https://meet.example.test/room-1');
    const organizerProp = event.getFirstProperty('organizer');
    expect(address(organizerProp?.getFirstValue())).toBe('hr@example.test');
    expect(organizerProp?.getParameter('cn')).toBe('Hiring team');
    const attendee = event.getFirstProperty('attendee');
    expect(address(attendee?.getFirstValue())).toBe('ada@example.test');
    expect(attendee?.getParameter('cn')).toBe('Ada Lovelace');
  });

  it('writes a CANCEL with STATUS:CANCELLED for the same UID', () => {
    const facts = sampleFacts({ calendarSequence: 3, cancelReason: 'Found another job' });
    const { calendar, event } = parse(buildInterviewIcs({ method: 'CANCEL', facts, now }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('uid')).toBe('iv_0001@interview-portal');
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(event.getFirstPropertyValue('description')).toContain('Reason: Found another job');
  });

  it('escapes commas, semicolons, backslashes and newlines so they survive a round trip', () => {
    const position = 'R&D; Platform, "Core" \\ Tools\nBerlin';
    const candidateName = 'Zoë O\'Brien; Jr., "ZB"';
    const text = buildInterviewIcs({ method: 'REQUEST', facts: sampleFacts({ position, candidateName }), now });
    const { event } = parse(text);
    expect(event.getFirstPropertyValue('summary')).toBe(`Technical interview: ${position}`);
    expect(event.getFirstProperty('attendee')?.getParameter('cn')).toBe("Zoë O'Brien; Jr., 'ZB'");
    expect(text.split('\r\n').filter((l) => l.startsWith('BEGIN:VEVENT'))).toHaveLength(1);
  });

  it('uses CRLF line ends and folds long lines at 75 octets without breaking UTF-8', () => {
    const position = 'Ingénieure logicielle « plateforme » — équipe données '.repeat(4);
    const text = buildInterviewIcs({ method: 'REQUEST', facts: sampleFacts({ position }), now });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parse(text).event.getFirstPropertyValue('summary')).toBe(`Technical interview: ${position}`);
  });

  it('names the candidate and every panel member as ATTENDEEs, with one ORGANIZER for everyone', () => {
    const panel = [
      { name: 'Grace Hopper', email: 'grace@example.test' },
      { name: 'Alan Turing', email: 'alan@example.test' },
    ];
    const forCandidate = parse(buildInterviewIcs({ method: 'REQUEST', facts: sampleFacts({ panel }), now })).event;
    const forGrace = parse(buildInterviewIcs({ method: 'REQUEST', facts: sampleFacts({ panel, recipient: panel[0] }), now })).event;
    for (const event of [forCandidate, forGrace]) {
      expect(event.getAllProperties('attendee').map((a) => address(a.getFirstValue()))).toEqual([
        'ada@example.test',
        'grace@example.test',
        'alan@example.test',
      ]);
      expect(event.getAllProperties('organizer').map((o) => address(o.getFirstValue()))).toEqual(['hr@example.test']);
      expect(event.getFirstPropertyValue('uid')).toBe('iv_0001@interview-portal');
    }
    expect(forGrace.getFirstPropertyValue('description')).not.toContain('Manage your booking');
  });

  it('refuses to write an event without a booked slot', () => {
    expect(() => buildInterviewIcs({ method: 'REQUEST', facts: sampleFacts({ start: undefined }), now })).toThrow(/booked slot/);
  });
});

describe('calendarMethodFor', () => {
  it('invites on confirmation and reschedule, cancels only a booked interview, and stays out of other emails', () => {
    expect(calendarMethodFor('confirmation', sampleFacts())).toBe('REQUEST');
    expect(calendarMethodFor('rescheduled', sampleFacts())).toBe('REQUEST');
    expect(calendarMethodFor('cancelled', sampleFacts())).toBe('CANCEL');
    expect(calendarMethodFor('cancelled', sampleFacts({ start: undefined }))).toBeUndefined();
    expect(calendarMethodFor('reminder', sampleFacts())).toBeUndefined();
    expect(calendarMethodFor('interviewer_invitation', sampleFacts())).toBe('REQUEST');
    expect(calendarMethodFor('interviewer_update', sampleFacts())).toBe('REQUEST');
    expect(calendarMethodFor('interviewer_cancelled', sampleFacts())).toBe('CANCEL');
    expect(calendarMethodFor('feedback_request', sampleFacts())).toBeUndefined();
  });
});
