import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hrUserId, interviewerId, interviewId } from './ids';
import { cancelInput, hrCancelInput, interviewerInput, inviteInput, scorecardInput } from './schemas';
import { stripControlCharacters } from './text';

const REFUSED = [...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter((c) => !'\t\n\r'.includes(c)), '\u007f', '\ud800', '\udfff'];

const invitation = {
  candidateName: 'Ada Lovelace',
  candidateEmail: 'ada@example.test',
  candidateTimezone: 'Europe/London',
  position: 'Engineer',
  kind: 'technical',
  interviewerIds: [randomUUID(), 'demo-grace'],
};

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('text at the edge', () => {
  it.each(REFUSED.map((c) => [`U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, c]))('%s anywhere in a name is refused, naming the field', (_label, character) => {
    expect(issuesOf(inviteInput.safeParse({ ...invitation, candidateName: `Ada${character}Lovelace` }))).toEqual([
      'candidateName: must not contain control characters',
    ]);
  });

  it('a NUL in every kind of string field is refused with the field named: text, email, zone, id', () => {
    for (const field of ['candidateName', 'candidateEmail', 'candidateTimezone', 'position'] as const) {
      expect(issuesOf(inviteInput.safeParse({ ...invitation, [field]: `${invitation[field]}\u0000` }))).toEqual([`${field}: must not contain control characters`]);
    }
    expect(issuesOf(inviteInput.safeParse({ ...invitation, interviewerIds: ['demo-grace', 'a\u0000b'] }))).toEqual(['interviewerIds.1: must not contain control characters']);
    expect(issuesOf(hrCancelInput.safeParse({ interviewId: randomUUID(), reason: 'why\u0000not' }))).toEqual(['reason: must not contain control characters']);
  });

  it('tab everywhere, and line breaks in reasons and notes, are text: kept, with CR LF stored as LF', () => {
    expect(inviteInput.parse({ ...invitation, candidateName: 'Ada\tLovelace' }).candidateName).toBe('Ada\tLovelace');
    expect(cancelInput.parse({ token: 'x'.repeat(20), reason: 'one\r\ntwo\rthree\nfour' }).reason).toBe('one\ntwo\nthree\nfour');
    expect(scorecardInput.parse({ token: 'x'.repeat(20), rating: 3, recommendation: 'YES', notes: ' a\r\n\tb ' }).notes).toBe('a\n\tb');
  });

  it('a name is one line: a line break inside is refused, one pasted at the end is trimmed away', () => {
    expect(issuesOf(inviteInput.safeParse({ ...invitation, position: 'Backend\nEngineer' }))).toEqual(['position: must be one line']);
    expect(inviteInput.parse({ ...invitation, position: 'Backend Engineer\r\n' }).position).toBe('Backend Engineer');
  });

  it('letters of every script, emoji and combining marks pass untouched', () => {
    const name = 'Zoë Ωμέγα 山田太郎 👩🏽‍💻 é';
    expect(inviteInput.parse({ ...invitation, candidateName: name }).candidateName).toBe(name);
  });

  it('the rule comes first: one message per field, not the format\'s complaint as well', () => {
    expect(issuesOf(interviewerInput.safeParse({ name: 'A', email: 'a\u0000@example.test', timezone: 'UTC', weekly: [], overrides: [], timeOff: [], bufferBeforeMinutes: 0, bufferAfterMinutes: 0, maxPerDay: 1, active: true }))).toEqual([
      'email: must not contain control characters',
    ]);
  });
});

describe('ids are checked as the portal makes them', () => {
  it('accepts what randomUUID gives for interviews and HR users, in either case', () => {
    for (let i = 0; i < 50; i += 1) {
      expect(interviewId.safeParse(randomUUID()).success).toBe(true);
      expect(hrUserId.safeParse(randomUUID().toUpperCase()).success).toBe(true);
    }
  });

  it('accepts interviewer ids from randomUUID and the named ones (seed, bench)', () => {
    for (const id of [randomUUID(), 'demo-grace', 'demo-alan', 'budget-interviewer', 'iv_7.b', 'a'.repeat(64)]) {
      expect(interviewerId.safeParse(id).success, id).toBe(true);
    }
  });

  it.each([
    ['interview', interviewId, ['', 'a\u0000b', 'abc', `${randomUUID()}x`, '{"$ne":1}', 'demo-grace']],
    ['user', hrUserId, ['', 'admin', `${randomUUID()} `]],
    ['interviewer', interviewerId, ['', 'a'.repeat(65), 'a:b', '-lead', 'a b', '$where', 'a/b']],
  ] as const)('refuses what no %s id looks like', (_kind, schema, refused) => {
    for (const id of refused) expect(schema.safeParse(id).success, JSON.stringify(id)).toBe(false);
  });
});

describe('text read from calendars', () => {
  it('loses its control characters and half surrogates, and keeps tab and line breaks', () => {
    expect(stripControlCharacters('Stand\u0000-up\u001b[31m\u007f\tdaily\r\n\ud800!')).toBe('Stand-up[31m\tdaily\r\n\ufffd!');
    expect(stripControlCharacters('Réunion 👩🏽‍💻')).toBe('Réunion 👩🏽‍💻');
  });
});
