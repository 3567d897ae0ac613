import { describe, expect, it } from 'vitest';
import { EMAIL_KINDS } from '@portal/shared/email';
import { DomainError } from '@portal/shared/errors';
import { sampleFacts } from '@portal/shared/testing/email-facts';
import { translatorFor } from '@portal/shared/i18n/server-translator';
import { reminderLead } from './format';
import { renderEmail } from './render-email';

const hostile = sampleFacts({
  candidateName: '<script>alert("x")</script> & Co',
  position: 'Engineer <img src=x onerror=alert(1)>',
  cancelReason: 'Moved "abroad" <b>today</b>',
  reminderOffsetMinutes: 60,
  linkExpiresAt: '2026-03-05T12:00:00.000Z',
});

describe('renderEmail', () => {
  it.each(EMAIL_KINDS)('%s greets the candidate by name and links nowhere unsafe', (kind) => {
    const email = renderEmail(kind, sampleFacts({ reminderOffsetMinutes: 15, cancelReason: 'clash' }));
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.text).toContain('Hi Ada Lovelace,');
    expect(email.html).toContain('Hi Ada Lovelace,');
    expect(email.html).not.toMatch(/href="(?!https?:|mailto:)/);
  });

  it.each(EMAIL_KINDS)('%s escapes the name, position and reason in HTML but keeps them readable in text', (kind) => {
    const email = renderEmail(kind, hostile);
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('<b>today');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(email.text).toContain('<script>alert("x")</script> & Co');
  });

  it('shows the cancel reason, escaped', () => {
    const email = renderEmail('cancelled', hostile);
    expect(email.html).toContain('Moved &quot;abroad&quot; &lt;b&gt;today&lt;/b&gt;');
    expect(email.text).toContain('Reason given: Moved "abroad" <b>today</b>');
  });

  it("shows the booked time in the candidate's zone with the zone's name", () => {
    const berlin = renderEmail('confirmation', sampleFacts());
    expect(berlin.text).toContain('When: Tuesday, 10 March 2026, 14:00–15:00 (Europe/Berlin, GMT+1)');
    expect(berlin.subject).toBe('Confirmed: Technical interview on Tue 10 Mar, 14:00 (Europe/Berlin, GMT+1)');

    // New York is already on daylight time on 10 March 2026 (DST began on 8 March).
    const newYork = renderEmail('rescheduled', sampleFacts({ candidateTimezone: 'America/New_York' }));
    expect(newYork.text).toContain('When: Tuesday, 10 March 2026, 09:00–10:00 (America/New_York, EDT)');
  });

  it("gives the invitation expiry in the zone on file and in UTC, naming both, without claiming it is the reader's own", () => {
    const email = renderEmail('invitation', sampleFacts({ start: undefined, end: undefined, linkExpiresAt: '2026-03-05T12:00:00.000Z' }));
    expect(email.text).toContain(
      'This link works until Thursday, 5 March 2026 at 13:00 (Europe/Berlin, GMT+1), that is 5 March at 12:00 UTC.',
    );
    expect(email.text).not.toContain('shown in your own timezone');
    expect(email.text).toContain('Choose a time: https://portal.example.test/i/abc.def.ghi');
  });

  it.each([
    [24 * 60, 'in 24 hours'],
    [60, 'in 1 hour'],
    [15, 'in 15 minutes'],
  ])('a reminder %i minutes ahead says "%s"', (offset, words) => {
    const email = renderEmail('reminder', sampleFacts({ reminderOffsetMinutes: offset }));
    expect(email.subject).toBe(`Reminder: your Technical interview starts ${words}`);
    expect(email.text).toContain(words);
  });

  it('words uneven lead times with hours and minutes', () => {
    expect(reminderLead(90, translatorFor('en'))).toBe('in 1 hour 30 minutes');
    expect(reminderLead(1, translatorFor('en'))).toBe('in 1 minute');
  });

  it('does not turn a non-http meeting URL into a link', () => {
    const email = renderEmail('reminder', sampleFacts({ meetingUrl: 'javascript:alert(1)', reminderOffsetMinutes: 15 }));
    expect(email.html).not.toContain('javascript:');
    expect(email.text).not.toContain('javascript:');
  });

  it('refuses a confirmation without a booked slot as bad input', () => {
    expect(() => renderEmail('confirmation', sampleFacts({ start: undefined }))).toThrow(DomainError);
  });

  it('keeps a subject on one line whatever the position contains', () => {
    expect(renderEmail('cancelled', sampleFacts({ position: 'Ops\r\nBcc: evil@example.test' })).subject).not.toMatch(/[\r\n]/);
  });
});
