import { describe, expect, it } from 'vitest';
import { composeEmail, type Sender } from './compose-email';
import { sampleFacts } from '@portal/shared/testing/email-facts';

const sender: Sender = {
  from: 'Interviews <interviews@example.test>',
  hrContact: 'talent@example.test',
};

const ics = (content: string) => Buffer.from(content, 'base64').toString('utf8');

describe('composeEmail', () => {
  it('tags the message with its kind and interview for the webhooks and the outbox', () => {
    const message = composeEmail({ kind: 'invitation', idempotencyKey: 'k', facts: sampleFacts() }, sender);
    expect(message).toMatchObject({ To: 'ada@example.test', Tag: 'invitation', Metadata: { interviewId: 'iv_0001', kind: 'invitation' }, ReplyTo: 'hr@example.test' });
    expect(message.Attachments).toEqual([]);
  });

  it('attaches a calendar REQUEST to a confirmation and a CANCEL to the cancellation of a booked slot', () => {
    const confirmation = composeEmail({ kind: 'confirmation', idempotencyKey: 'k', facts: sampleFacts() }, sender);
    expect(confirmation.Attachments?.[0]?.ContentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    const cancelled = composeEmail({ kind: 'cancelled', idempotencyKey: 'k', facts: sampleFacts() }, sender);
    expect(ics(cancelled.Attachments?.[0]?.Content ?? '')).toContain('METHOD:CANCEL');
    const neverBooked = composeEmail({ kind: 'cancelled', idempotencyKey: 'k', facts: sampleFacts({ start: undefined, end: undefined }) }, sender);
    expect(neverBooked.Attachments).toEqual([]);
  });

  it('sends an interviewer email to the interviewer, with the calendar entry naming the whole panel', () => {
    const panel = [
      { name: 'Grace Hopper', email: 'grace@example.test', timezone: 'Europe/London' },
      { name: 'Alan Turing', email: 'alan@example.test', timezone: 'America/New_York' },
    ];
    const message = composeEmail(
      { kind: 'interviewer_invitation', idempotencyKey: 'k', facts: sampleFacts({ panel, recipient: panel[1] }) },
      sender,
    );
    expect(message.To).toBe('alan@example.test');
    expect(message.TextBody).toContain('Hi Alan Turing,');
    expect(message.TextBody).toContain('America/New_York');
    const calendar = ics(message.Attachments?.[0]?.Content ?? '');
    expect(calendar).toContain('METHOD:REQUEST');
    expect(calendar).toMatch(/ORGANIZER;CN="?Hiring team"?:mailto:hr@example.test/i);
    expect(calendar.match(/^ATTENDEE/gm)).toHaveLength(3);
  });

  it('an interviewer’s invitation links the interview’s scorecard kit, in the email and its calendar entry, when the kit asks anything', () => {
    const panel = [{ name: 'Grace Hopper', email: 'grace@example.test', timezone: 'Europe/London' }];
    const answerLinks = { accept: 'https://portal.example.test/a/tok.en?answer=accept', decline: 'https://portal.example.test/a/tok.en?answer=decline' };
    const facts = sampleFacts({ panel, recipient: panel[0], answerLinks });
    const kit = { scale: 4, questions: [{ id: 'design', type: 'rating' as const, required: true, prompt: { en: 'System design' } }] };
    const withKit = composeEmail({ kind: 'interviewer_invitation', idempotencyKey: 'k', facts }, sender, new Date(), { locale: 'de', kit });
    expect(withKit.TextBody).toContain('Bewertungsbogen');
    expect(withKit.TextBody).toContain('https://portal.example.test/a/tok.en');
    expect(ics(withKit.Attachments?.[0]?.Content ?? '').replace(/\r\n /g, '')).toContain('Bewertungsbogen für dieses Gespräch: https://portal.example.test/a/tok.en');
    const noKit = composeEmail({ kind: 'interviewer_invitation', idempotencyKey: 'k', facts }, sender, new Date(), { locale: 'de', kit: { scale: 4, questions: [] } });
    expect(noKit.TextBody).not.toContain('Bewertungsbogen');
  });

  it('falls back to the configured HR contact when the interview names none', () => {
    const message = composeEmail({ kind: 'expired', idempotencyKey: 'k', facts: sampleFacts({ hrEmail: '' }) }, sender);
    expect(message.ReplyTo).toBe('talent@example.test');
    expect(message.TextBody).toContain('talent@example.test');
  });
});
