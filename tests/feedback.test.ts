import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@portal/db';
import { DEV_TOKEN_PRIVATE_KEY, FEEDBACK_PURPOSE, TOKEN_ISSUER } from '@portal/shared/tokens';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, linkToken, signInAsAdmin, sinkMessages, ASYNC_WAIT_MS } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { recordHistory } from './support/record-history';
import { SHARED_SECOND_SETTINGS, sharedPortal } from './support/shared-portal';

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let db: Database;
const run = Date.now();
const SECOND = 1000;

beforeAll(async () => {
  // After the end: the interviewers' nudge (15 s), HR told feedback is late (25 s), HR's decision due
  // (30 s). The first scorecard goes in before the first of them; each is a kind of its own, seen
  // once, so 5 s apart will do. Shared with the files that take the same settings: HR's mail is
  // read for this file's interview only.
  portal = await sharedPortal(SHARED_SECOND_SETTINGS);
  hr = await signInAsAdmin(portal.api);
  db = await openDatabase(portal.mongoUrl);
});

afterAll(async () => {
  await db?.close();
  await portal?.stop();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: unknown) => (error instanceof ApiError ? error.domainCode : String(error)));
const mailsTo = async (to: string, kind: string) => (await sinkMessages(portal.sinkUrl, { to })).filter((m) => m.Metadata.kind === kind);

/** A feedback token signed with the development key, as only the lifecycle would: for refusals the portal must still see through. */
function forged(claims: { sub: string; iid: string; jti: string; exp?: number }): string {
  const { sub, exp, ...rest } = claims;
  return jwt.sign({ ...rest, purpose: FEEDBACK_PURPOSE, ...(exp === undefined ? {} : { exp }) }, DEV_TOKEN_PRIVATE_KEY, {
    algorithm: 'RS256',
    subject: sub,
    issuer: TOKEN_ISSUER,
  });
}

describe('interviewer feedback and the follow-ups after an interview', () => {
  it('runs from the feedback request to every nudge, each once, with every bad submission refused', { timeout: 300_000 }, async () => {
    const names = [`Feedback One ${run}`, `Feedback Two ${run}`];
    const pool = await Promise.all(names.map((name) => alwaysAvailableInterviewer(hr, name)));
    const emails = names.map((name) => `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`);
    const candidateEmail = `feedback.${run}@example.test`;
    const { interviewId, token } = await inviteAndReadLink(
      hr, portal.sinkUrl, { name: 'Feedback Candidate', email: candidateEmail }, pool.map((p) => p.id), 'SRE', { kind: 'panel' },
    );
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    const start = slots.find((s) => Date.parse(s.start) > Date.now() + 10 * SECOND);
    if (!start) throw new Error('no slot ahead');
    await portal.api.mutation('candidate.book', { token, start: start.start });
    // Another interview of the first interviewer, invited while this one waits for its start: its
    // email is not awaited in the few seconds before the first nudge (below).
    const another = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Not Yet', email: `not.yet.${run}@example.test` }, [pool[0]?.id ?? '']);
    // Scorecards are for completed interviews only; HR records attendance once the interview has started.
    await eventually(async () => (Date.now() >= Date.parse(start.start) ? true : undefined), 90_000, 'the start');
    await hr.mutation('hr.interviews.markAttendance', { interviewId, attended: true });

    const [firstEmail = '', secondEmail = ''] = emails;
    const requests = await Promise.all(
      emails.map((to) => eventually(async () => (await mailsTo(to, 'feedback_request'))[0], ASYNC_WAIT_MS, `feedback request to ${to}`)),
    );
    const [firstToken = '', secondToken = ''] = requests.map((m) => linkToken(m, 'f'));
    const view = await portal.api.query<{ candidateName: string; editable: boolean; scorecard: unknown }>('feedback.view', { token: firstToken });
    expect(view).toMatchObject({ candidateName: 'Feedback Candidate', editable: true, scorecard: null });

    // Refusals, each changing nothing.
    const card = { rating: 3, recommendation: 'YES', notes: 'Clear thinker.' };
    expect(await refusal(portal.api.mutation('feedback.submit', { token: firstToken, ...card, rating: 5 }))).toBe('BAD_INPUT');
    expect(await refusal(portal.api.mutation('feedback.submit', { token: firstToken, ...card, rating: 0 }))).toBe('BAD_INPUT');
    expect(await refusal(portal.api.query('feedback.view', { token }))).toBe('LINK_INVALID');
    expect(await refusal(portal.api.query('candidate.view', { token: firstToken }))).toBe('LINK_INVALID');
    const [head, , signature] = firstToken.split('.');
    const otherBody = Buffer.from(JSON.stringify({ sub: 'someone-else', iid: pool[0]?.id, purpose: FEEDBACK_PURPOSE, jti: 'x', exp: 4e9 })).toString('base64url');
    expect(await refusal(portal.api.query('feedback.view', { token: `${head}.${otherBody}.${signature}` }))).toBe('LINK_INVALID');
    const firstId = pool[0]?.id ?? '';
    const expired = forged({ sub: interviewId, iid: firstId, jti: 'old', exp: Math.floor(Date.now() / 1000) - 60 });
    expect(await refusal(portal.api.query('feedback.view', { token: expired }))).toBe('LINK_EXPIRED');
    const superseded = forged({ sub: interviewId, iid: firstId, jti: 'an-earlier-link', exp: Math.floor(Date.now() / 1000) + 600 });
    expect(await refusal(portal.api.mutation('feedback.submit', { token: superseded, ...card }))).toBe('LINK_SUPERSEDED');
    expect(await refusal(portal.api.query('feedback.view', { token: forged({ sub: interviewId, iid: firstId, jti: 'x' }) }))).toBe('LINK_INVALID');
    expect(await refusal(portal.api.mutation('feedback.submit', { token: forged({ sub: another.interviewId, iid: firstId, jti: 'x', exp: 4e9 }), ...card }))).toBe('LINK_INVALID');
    expect(await db.scorecards.countDocuments({ interviewId })).toBe(0);

    // The same interviewer submits twice at the same moment: one scorecard, one clear answer.
    const both = await Promise.all([
      refusal(portal.api.mutation('feedback.submit', { token: firstToken, ...card })),
      refusal(portal.api.mutation('feedback.submit', { token: firstToken, ...card, rating: 1, recommendation: 'NO' })),
    ]);
    expect(both.sort()).toEqual(['ALREADY_SUBMITTED', 'accepted']);
    expect(await db.scorecards.countDocuments({ interviewId })).toBe(1);
    await portal.api.mutation('feedback.update', { token: firstToken, ...card, rating: 4, recommendation: 'STRONG_YES' });

    // The second interviewer stays silent: nudged once, then HR told once, then HR nudged for the decision once.
    await eventually(async () => ((await mailsTo(secondEmail, 'feedback_nudge')).length > 0 ? true : undefined), 60_000, 'feedback nudge');
    await eventually(async () => ((await mailsTo('hr@example.test', 'decision_due')).some((m) => m.Metadata.interviewId === interviewId) ? true : undefined), 90_000, 'decision nudge');
    await new Promise((resolve) => setTimeout(resolve, 5 * SECOND));
    const hrMail = (await sinkMessages(portal.sinkUrl, { to: 'hr@example.test' })).filter((m) => m.Metadata.interviewId === interviewId);
    expect(hrMail.map((m) => m.Metadata.kind).sort()).toEqual(['decision_due', 'feedback_overdue']);
    const missingLine = /still missing from: ([^\n]*)\./.exec(hrMail.find((m) => m.Metadata.kind === 'feedback_overdue')?.TextBody ?? '');
    expect(missingLine?.[1]).toBe(names[1]);
    expect(await mailsTo(secondEmail, 'feedback_nudge')).toHaveLength(1);
    expect(await mailsTo(firstEmail, 'feedback_nudge')).toHaveLength(0);
    expect((await sinkMessages(portal.sinkUrl, { to: candidateEmail })).filter((m) => m.Metadata.kind === 'thank_you')).toHaveLength(1);

    // HR sees the scorecard, and deciding before the second one is in needs a confirmation.
    const detail = await hr.query<{ scorecards: { interviewerName: string; rating: number }[]; feedbackMissing: string[] }>('hr.interviews.get', { interviewId });
    expect(detail.scorecards).toEqual([expect.objectContaining({ interviewerName: names[0], rating: 4 })]);
    expect(detail.feedbackMissing).toEqual([names[1]]);
    expect(await refusal(hr.mutation('hr.interviews.setOutcome', { interviewId, outcome: 'PASSED' }))).toBe('FEEDBACK_INCOMPLETE');
    await hr.mutation('hr.interviews.setOutcome', { interviewId, outcome: 'PASSED', confirmMissingFeedback: true });
    expect(await refusal(portal.api.mutation('feedback.submit', { token: secondToken, ...card }))).toBe('FEEDBACK_CLOSED');
    expect(await refusal(portal.api.mutation('feedback.update', { token: firstToken, ...card }))).toBe('FEEDBACK_CLOSED');
    await recordHistory(interviewId, 'panel-feedback');
  });
});
