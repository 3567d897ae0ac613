import { describe, expect, it } from 'vitest';
import { sampleFacts } from '@portal/shared/testing/email-facts';
import { renderEmail } from './render-email';

const booked = { start: '2030-03-04T10:00:00.000Z', end: '2030-03-04T10:45:00.000Z' };

describe('meeting links in email', () => {
  it('a confirmation sent before the room exists says the link will follow and offers the interview page', () => {
    const email = renderEmail('confirmation', sampleFacts({ ...booked, meetingUrl: undefined, meetingLinkPending: true }));
    expect(email.text).toContain('Your meeting link is being prepared. It will follow in a separate email');
    expect(email.text).toContain('Join from your interview page');
  });

  it('a confirmation with the link names it and says nothing will follow', () => {
    const email = renderEmail('confirmation', sampleFacts({ ...booked, meetingUrl: 'https://rooms.example.test/interview-abc' }));
    expect(email.text).toContain('https://rooms.example.test/interview-abc');
    expect(email.text).not.toContain('will follow');
  });

  it('the follow-up gives the candidate the link and the way to manage the booking, in their language', () => {
    const email = renderEmail('meeting_link', sampleFacts({ ...booked, meetingUrl: 'https://rooms.example.test/interview-abc' }), { locale: 'de' });
    expect(email.subject).toMatch(/^Ihr Meeting-Link: /);
    expect(email.text).toContain('ist bereit');
    expect(email.text).toContain('https://rooms.example.test/interview-abc');
  });

  it('the follow-up to an interviewer names the candidate and leaves out the candidate’s manage link', () => {
    const facts = sampleFacts({
      ...booked,
      meetingUrl: 'https://rooms.example.test/interview-abc',
      recipient: { name: 'Grace Hopper', email: 'grace@example.test', timezone: 'Europe/Berlin' },
    });
    const email = renderEmail('meeting_link', facts);
    expect(email.text).toContain(`with ${facts.candidateName}`);
    expect(email.text).not.toContain(facts.link);
  });
});
