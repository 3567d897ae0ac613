import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './support/api-client';
import { withDatabase } from './support/database';
import { alwaysAvailableInterviewer, deliveredTogether, inviteAndReadLink, signInAsAdmin } from './support/fixtures';
import { FAST_LIFECYCLE, startPortal, type PortalUnderTest } from './support/portal-under-test';

interface View {
  status: string;
  slot: { start: string } | null;
  rescheduleCount: number;
  canChange: boolean;
  changeBlockedReason: 'LIMIT' | 'CUTOFF' | null;
  icsUrl: string | null;
}

// Two hours: the window before it always holds slots, even when the next hour crosses midnight (ranges end at 24:00).
const CUTOFF_MINUTES = 120;
const HOUR = 3_600_000;

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
const run = Date.now();

beforeAll(async () => {
  // One portal for the file: a two-hour cutoff puts slots on both sides of it, so the same stack
  // shows the reschedule limit (far slots) and "too late to change" (a slot inside the cutoff).
  portal = await startPortal(import.meta.url, {
    ...FAST_LIFECYCLE,
    INVITATION_EXPIRY_MINUTES: '60',
    CHANGE_CUTOFF_MINUTES: String(CUTOFF_MINUTES),
  });
  hr = await signInAsAdmin(portal.api);
});

afterAll(async () => {
  await portal?.stop();
});

/** Each test books its own interviewer, so no test's slots overlap another's. */
async function invite(label: string) {
  const interviewer = await alwaysAvailableInterviewer(hr, `Api ${label} ${run}`);
  return inviteAndReadLink(hr, portal.sinkUrl, { name: `Api ${label}`, email: `api.${label}.${run}@example.test` }, [interviewer.id]);
}

async function slotStarts(token: string): Promise<string[]> {
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
  return slots.map((slot) => slot.start);
}

function firstSlotAfter(starts: string[], msFromNow: number): string {
  const start = starts.find((s) => Date.parse(s) >= Date.now() + msFromNow);
  if (start === undefined) throw new Error(`no slot ${msFromNow} ms ahead`);
  return start;
}

async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

function storedInterview(interviewId: string) {
  return withDatabase(portal.mongoUrl, (db) => db.collection('interviews').findOne({ _id: interviewId as never }));
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A well-formed RS256 token for the interview, signed with a key the portal has never seen. */
function tokenSignedElsewhere(interviewId: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      sub: interviewId,
      attempt: 1,
      purpose: 'candidate-interview',
      jti: randomUUID(),
      iss: 'interview-portal',
      exp: Math.floor(Date.now() / 1000) + 3600,
    }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

/** The real token with its payload edited and the original signature kept. */
function tampered(token: string, edit: (claims: Record<string, unknown>) => void): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  edit(claims);
  return `${header}.${base64url(JSON.stringify(claims))}.${signature}`;
}

/**
 * ical.js is a devDependency of @portal/shared, not of this package, so the download is read here
 * by unfolding lines and splitting `NAME[;params]:value`; the builder itself is round-tripped
 * through ical.js in packages/shared/src/ics.test.ts.
 */
function icsProperties(text: string): Map<string, string> {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  return new Map(lines.filter((line) => line.includes(':')).map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).split(';')[0] ?? '', line.slice(colon + 1)] as const;
  }));
}

describe('candidate API refusals', () => {
  it('book with a start that is not an ISO instant, or without a token, is BAD_REQUEST with field errors and writes nothing', async () => {
    const { interviewId, token } = await invite('badinput');
    const before = await storedInterview(interviewId);

    const notIso = await refusal(portal.api.mutation('candidate.book', { token, start: 'next tuesday at 3' }));
    expect(notIso.code).toBe('BAD_REQUEST');
    expect(notIso.domainCode).toBe('BAD_INPUT');
    expect(notIso.zodError).toMatchObject({ fieldErrors: { start: [expect.any(String)] } });

    const start = firstSlotAfter(await slotStarts(token), 2 * HOUR);
    const noToken = await refusal(portal.api.mutation('candidate.book', { start }));
    expect(noToken.code).toBe('BAD_REQUEST');
    expect(noToken.zodError).toMatchObject({ fieldErrors: { token: [expect.any(String)] } });

    const stored = await storedInterview(interviewId);
    expect(stored?.status).toBe('INVITED');
    expect(stored?.slot).toBeNull();
    expect(stored?.version).toBe(before?.version);
  });

  it('a token signed with another key, or edited after signing, is LINK_INVALID for the API and the .ics download', async () => {
    const { interviewId, token } = await invite('forged');
    const forged = [
      tokenSignedElsewhere(interviewId),
      tampered(token, (claims) => {
        claims.jti = randomUUID();
      }),
      tampered(token, (claims) => {
        claims.exp = Math.floor(Date.now() / 1000) + 365 * 24 * 3600;
      }),
    ];
    for (const bad of forged) {
      const error = await refusal(portal.api.query('candidate.view', { token: bad }));
      expect(error.domainCode).toBe('LINK_INVALID');
      expect(error.code).toBe('UNAUTHORIZED');
      const download = await fetch(`${portal.bookingUrl}/api/ics/${bad}`);
      expect(download.status).toBe(401);
    }
    expect((await storedInterview(interviewId))?.status).toBe('INVITED');
  });

  it('hr.interviews.get is NOT_FOUND for an unknown id and refuses a caller holding only a candidate token', async () => {
    const { interviewId, token } = await invite('hrget');
    const unknown = await refusal(hr.query('hr.interviews.get', { interviewId: randomUUID() }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.domainCode).toBe('NOT_FOUND');

    const asCandidate = await refusal(portal.api.query('hr.interviews.get', { interviewId, token }));
    expect(asCandidate.code).toBe('UNAUTHORIZED');
  });
});

describe('candidate changes and their limits', () => {
  it('after booking, the view links an .ics download that is the booked interview as METHOD:REQUEST', async () => {
    const { interviewId, token } = await invite('ics');
    const before = await portal.api.query<View>('candidate.view', { token });
    expect(before.icsUrl).toBeNull();
    expect((await fetch(`${portal.bookingUrl}/api/ics/${token}`)).status).toBe(404);

    const start = firstSlotAfter(await slotStarts(token), 2 * HOUR);
    const booked = await portal.api.mutation<View>('candidate.book', { token, start });
    expect(booked.icsUrl).toBe(`/api/ics/${token}`);

    const response = await fetch(`${portal.bookingUrl}${booked.icsUrl}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.ics"$/);
    const ics = icsProperties(await response.text());
    expect(ics.get('METHOD')).toBe('REQUEST');
    expect(ics.get('UID')).toBe(`${interviewId}@interview-portal`);
    expect(ics.get('DTSTART')).toBe(start.replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
    expect(ics.get('STATUS')).toBe('CONFIRMED');
  });

  it('book clicks at once from several tabs book one slot; the others are told the interview is already scheduled', async () => {
    const { interviewId, token } = await invite('tabs');
    const starts = await slotStarts(token);
    // Two hours apart, so no two of these times share a claimed cell.
    const times = [3, 5, 7, 9, 11].map((hours) => firstSlotAfter(starts, hours * HOUR));
    // One workflow task receives every click, the way a busy worker gets clicks that came close together.
    const { succeeded: booked, refused } = await deliveredTogether(portal, () =>
      times.map((start) => portal.api.mutation<View>('candidate.book', { token, start })),
    );
    expect(booked).toHaveLength(1);
    expect(refused.map((e) => e.domainCode)).toEqual(Array(times.length - 1).fill('ILLEGAL_TRANSITION'));
    const held = booked[0]?.slot?.start;
    expect((await portal.api.query<View>('candidate.view', { token })).slot?.start).toBe(held);
    // Only the booked time stays claimed: every other time is free again for anyone else.
    const claims = await withDatabase(portal.mongoUrl, (db) => db.collection('slot_claims').distinct('claimId', { interviewId }));
    expect(claims).toHaveLength(1);
    const freeNow = await slotStarts(token);
    for (const start of times.filter((start) => start !== held)) expect(freeNow).toContain(start);
  });

  it('the page a booking, a move and a cancel answer with is the page a fresh view shows', async () => {
    const { token } = await invite('answers');
    const starts = await slotStarts(token);
    const [first, second] = [3, 5].map((hours) => firstSlotAfter(starts, hours * HOUR));
    const booked = await portal.api.mutation<View>('candidate.book', { token, start: first });
    expect(booked).toEqual(await portal.api.query<View>('candidate.view', { token }));
    const moved = await portal.api.mutation<View>('candidate.reschedule', { token, start: second });
    expect(moved.slot?.start).toBe(second);
    expect(moved).toEqual(await portal.api.query<View>('candidate.view', { token }));
    const cancelled = await portal.api.mutation<View>('candidate.cancel', { token, reason: 'found another role' });
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled).toEqual(await portal.api.query<View>('candidate.view', { token }));
  });

  it('the fourth reschedule of a technical interview is refused with RESCHEDULE_LIMIT', async () => {
    const { token } = await invite('limit');
    const starts = await slotStarts(token);
    // Two hours apart: an hour-long interview and its next time never overlap, and all sit past the cutoff.
    const times = [3, 5, 7, 9, 11].map((hours) => firstSlotAfter(starts, hours * HOUR));
    const [first, ...later] = times;
    await portal.api.mutation('candidate.book', { token, start: first });
    for (const start of later.slice(0, 3)) await portal.api.mutation('candidate.reschedule', { token, start });

    const view = await portal.api.query<View>('candidate.view', { token });
    expect(view.rescheduleCount).toBe(3);
    expect(view.changeBlockedReason).toBe('LIMIT');
    const error = await refusal(portal.api.mutation('candidate.reschedule', { token, start: later[3] }));
    expect(error.domainCode).toBe('RESCHEDULE_LIMIT');
    expect((await portal.api.query<View>('candidate.view', { token })).slot?.start).toBe(later[2]);
  });

  it('rescheduling or cancelling inside the cutoff is refused with TOO_LATE_TO_CHANGE', async () => {
    const { token } = await invite('cutoff');
    const starts = await slotStarts(token);
    const soon = starts.find((s) => {
      const ahead = Date.parse(s) - Date.now();
      return ahead > 10 * 60_000 && ahead < (CUTOFF_MINUTES - 10) * 60_000;
    });
    expect(soon).toBeDefined();
    const booked = await portal.api.mutation<View>('candidate.book', { token, start: soon });
    expect(booked.changeBlockedReason).toBe('CUTOFF');

    const move = await refusal(portal.api.mutation('candidate.reschedule', { token, start: firstSlotAfter(starts, 3 * HOUR) }));
    expect(move.domainCode).toBe('TOO_LATE_TO_CHANGE');
    const cancel = await refusal(portal.api.mutation('candidate.cancel', { token, reason: 'changed my mind' }));
    expect(cancel.domainCode).toBe('TOO_LATE_TO_CHANGE');
    expect((await portal.api.query<View>('candidate.view', { token })).status).toBe('SCHEDULED');
  });

  it('joining before the interview window opens is refused with NOT_JOINABLE', async () => {
    const { interviewId, token } = await invite('early');
    await portal.api.mutation('candidate.book', { token, start: firstSlotAfter(await slotStarts(token), 3 * HOUR) });
    const error = await refusal(portal.api.mutation('candidate.join', { token }));
    expect(error.domainCode).toBe('NOT_JOINABLE');
    expect((await storedInterview(interviewId))?.joinedAt).toBeNull();
  });
});
