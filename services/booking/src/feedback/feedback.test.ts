import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import { scorecardId } from '@portal/db/documents';
import { alwaysOpenInterviewer, openTestDatabase, sampleInterview } from '@portal/db/testing';
import type { Kit } from '@portal/shared/kits';
import { DEV_TOKEN_PRIVATE_KEY, DEV_TOKEN_PUBLIC_KEY, FEEDBACK_PURPOSE, TOKEN_ALGORITHM, TOKEN_ISSUER } from '@portal/shared/tokens';
import { appRouter } from '../app-router';
import { createContextInner, type Deps } from '../http/context';
import { createCallerFactory } from '../http/trpc';

/** Issue 50: the interviewer answers the kit the interview fixed at its invitation. */
const KIT: Kit = {
  scale: 5,
  questions: [
    { id: 'system_design', type: 'rating', required: true, prompt: { en: 'System design' } },
    { id: 'would_work_with', type: 'yesno', required: false, prompt: { en: 'Would you work with them?' } },
    { id: 'evidence', type: 'longtext', required: false, prompt: { en: 'What did you see?' } },
  ],
};

let db: Database;
const submitted: string[] = [];
const deps = {
  env: { TOKEN_PUBLIC_KEY: DEV_TOKEN_PUBLIC_KEY },
  limiter: { hit: () => Promise.resolve() },
  lifecycle: { feedbackSubmitted: (interviewId: string) => (submitted.push(interviewId), Promise.resolve()) },
} as unknown as Deps;
const caller = createCallerFactory(appRouter)(createContextInner(deps));

beforeAll(async () => {
  db = await openTestDatabase('booking_feedback_kits');
  deps.db = db;
});

afterAll(async () => {
  await db.close();
});

/** A completed interview with `kit` (or none, as before kits), its interviewer and the one valid feedback link. */
async function completedInterview(kit: Kit | null): Promise<{ id: string; token: string }> {
  const id = `kit-${randomUUID()}`;
  const interviewer = `grace-${id}`;
  await db.interviewers.create(alwaysOpenInterviewer(interviewer, 4));
  await db.interviews.create({ ...sampleInterview(id, { interviewerIds: [interviewer], kit }), status: 'COMPLETED' });
  const jti = randomUUID();
  await db.feedbackLinks.create({ _id: scorecardId(id, interviewer), interviewId: id, interviewerId: interviewer, jti, expiresAt: new Date(Date.now() + 3_600_000) });
  const token = jwt.sign({ iid: interviewer, purpose: FEEDBACK_PURPOSE, exp: Math.floor(Date.now() / 1000) + 3600 }, DEV_TOKEN_PRIVATE_KEY, {
    algorithm: TOKEN_ALGORITHM,
    issuer: TOKEN_ISSUER,
    subject: id,
    jwtid: jti,
  });
  return { id, token };
}

const base = { rating: 3, recommendation: 'YES' as const, notes: 'Clear thinking.' };

describe('a scorecard with the interview’s kit', () => {
  it('the view carries the interview’s kit and no scorecard until one is submitted', async () => {
    const { token } = await completedInterview(KIT);
    const view = await caller.feedback.view({ token });
    expect(view.kit).toEqual(KIT);
    expect(view.scorecard).toBeNull();
    expect(view.editable).toBe(true);
  });

  it('a required answer left out is refused naming it, and nothing is written or signalled', async () => {
    const { id, token } = await completedInterview(KIT);
    const refusal = caller.feedback.submit({ token, ...base, answers: { would_work_with: true } });
    await expect(refusal).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('system_design') });
    await expect(refusal.catch((error: { cause?: unknown }) => error.cause)).resolves.toMatchObject({ code: 'BAD_INPUT', details: { field: 'answers.system_design' } });
    expect(await db.scorecards.countDocuments({ interviewId: id })).toBe(0);
    expect(submitted).not.toContain(id);
  });

  it('an unknown question, a wrong type and a rating off the kit’s scale are refused naming the question', async () => {
    const { id, token } = await completedInterview(KIT);
    for (const [answers, field] of [
      [{ system_design: 4, culture: 3 }, 'answers.culture'],
      [{ system_design: 4, would_work_with: 'yes' }, 'answers.would_work_with'],
      [{ system_design: 6 }, 'answers.system_design'],
    ] as const) {
      const error = await caller.feedback.submit({ token, ...base, answers }).catch((e: { cause?: unknown }) => e.cause);
      expect(error).toMatchObject({ code: 'BAD_INPUT', details: { field } });
    }
    expect(await db.scorecards.countDocuments({ interviewId: id })).toBe(0);
  });

  it('the answers are stored by question id and come back in the view, and an edit is checked again', async () => {
    const { id, token } = await completedInterview(KIT);
    const answers = { system_design: 4, would_work_with: false, evidence: 'Drew the queue first.' };
    const view = await caller.feedback.submit({ token, ...base, answers });
    expect(view.scorecard).toMatchObject({ rating: 3, recommendation: 'YES', answers });
    expect((await caller.feedback.view({ token })).scorecard?.answers).toEqual(answers);
    expect(submitted).toContain(id);

    await expect(caller.feedback.update({ token, ...base, answers: { evidence: 'Changed my mind.' } })).rejects.toMatchObject({ message: expect.stringContaining('system_design') });
    expect((await db.scorecards.findById(scorecardId(id, `grace-${id}`)).lean())?.answers).toEqual(answers);
    const edited = await caller.feedback.update({ token, ...base, answers: { system_design: 5 } });
    expect(edited.scorecard?.answers).toEqual({ system_design: 5 });
  });

  it('an interview from before kits takes today’s scorecard: no answers, none asked for', async () => {
    const { token } = await completedInterview(null);
    expect((await caller.feedback.view({ token })).kit).toEqual({ scale: 4, questions: [] });
    const view = await caller.feedback.submit({ token, ...base });
    expect(view.scorecard?.answers).toEqual({});
    const error = await caller.feedback.update({ token, ...base, answers: { anything: 1 } }).catch((e: { cause?: unknown }) => e.cause);
    expect(error).toMatchObject({ code: 'BAD_INPUT', details: { field: 'answers.anything' } });
  });
});
