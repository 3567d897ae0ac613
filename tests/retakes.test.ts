import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTemporalAddress } from '@portal/devstack/testing';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, deliveredTogether, eventually, inviteAndReadLink, linkToken, signInAsAdmin, sinkMessages, ASYNC_WAIT_MS } from './support/fixtures';
import { SECOND_INTERVIEWS, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { portalTemporalClient } from './support/temporal-client';

interface View {
  interviewId: string;
  status: string;
  attempt: number;
  slot: { start: string } | null;
}

interface Detail {
  interviewId: string;
  status: string;
  outcome: string;
  attempt: number;
  temporalUrl: string;
  previousInterviewId: string | null;
  nextInterviewId: string | null;
  events: { type: string; actor: string; fromStatus: string | null; toStatus: string }[];
  emails: { kind: string; status: string }[];
  retake: { allowed: boolean; reason: string | null };
}

type Hr = Awaited<ReturnType<typeof signInAsAdmin>>;

// One portal covers every guard: a short cooldown is first seen refusing, then seen passing.
// Interviews last seconds (SECOND_INTERVIEWS), so the cooldown is the longest wait in the file. It
// runs from each interview's end, and the first test reads it within seconds of the last of the
// three ends (their starts a few 5-second slots apart at most): 25 s leaves it well inside.
const COOLDOWN_MS = 25_000;
const run = Date.now();
const position = 'Retake Engineer';
let portal: PortalUnderTest;
let hr: Hr;
let connection: mongoose.Connection;
let temporal: Connection;
const interviewerIds: string[] = [];

interface Candidate {
  label: string;
  email: string;
  interviewId: string;
  token: string;
}
const candidates: Record<'pending' | 'failed' | 'onHold', Candidate> = {} as never;

async function view(token: string): Promise<View> {
  return portal.api.query<View>('candidate.view', { token });
}

/**
 * Until the interview shows `status` to the candidate and to its workflow alike: the document is
 * written by an activity before the workflow takes the new status itself, so an HR update sent
 * on the document's word alone can still meet the workflow's previous state.
 */
async function waitForStatus(token: string, status: string, timeoutMs = 180_000): Promise<View> {
  return eventually(async () => {
    const current = await view(token);
    if (current.status !== status) return undefined;
    const state = await portalTemporalClient(temporal)
      .workflow.getHandle(`interview-${current.interviewId}`)
      .query<{ status: string }>('state')
      .catch(() => undefined);
    // A lifecycle that has ended answers no query; its document is then the final word.
    return state === undefined || state.status === status ? current : undefined;
  }, timeoutMs, status);
}

/**
 * Books the first free slot far enough ahead to book, near enough to end within a minute. Should a
 * time be taken after all, like a person it takes the next one.
 */
async function bookSoon(token: string): Promise<void> {
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
  for (const slot of slots.filter((s) => Date.parse(s.start) - Date.now() > 15_000).slice(0, 5)) {
    try {
      await portal.api.mutation('candidate.book', { token, start: slot.start });
      return;
    } catch (error) {
      if (!(error instanceof ApiError && error.domainCode === 'SLOT_TAKEN')) throw error;
    }
  }
  throw new Error('no free slot in the next few minutes');
}

function detail(interviewId: string): Promise<Detail> {
  return hr.query<Detail>('hr.interviews.get', { interviewId });
}

function approve(interviewId: string) {
  return hr.mutation<{ newInterviewId: string }>('hr.interviews.approveRetake', { interviewId });
}

async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

async function completedAt(interviewId: string): Promise<number> {
  const doc = await connection.db?.collection('interviews').findOne({ _id: interviewId as never });
  const at = doc?.completedAt as Date | undefined;
  if (!at) throw new Error(`interview ${interviewId} has no completedAt`);
  return at.getTime();
}

beforeAll(async () => {
  temporal = await Connection.connect({ address: testTemporalAddress() });
  portal = await startPortal(import.meta.url, {
    ...SECOND_INTERVIEWS,
    // Nobody joins these interviews: their length is only a wait for the no-show, twice in a row.
    INTERVIEW_DURATION_MINUTES: String(10 / 60),
    REMINDER_OFFSETS_MINUTES: String(10 / 60),
    INVITATION_EXPIRY_MINUTES: '60',
    RETAKE_COOLDOWN_MINUTES: String(COOLDOWN_MS / 60_000),
    MAX_ATTEMPTS: '2',
  });
  connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
  hr = await signInAsAdmin(portal.api);
  for (const name of ['Retake One', 'Retake Two', 'Retake Three', 'Retake Four']) {
    interviewerIds.push((await alwaysAvailableInterviewer(hr, name)).id);
  }
  const labels = ['pending', 'failed', 'onHold'] as const;
  // The failed candidate's pool has a second interviewer: a claim holds whole 5-minute cells, so
  // the retake, booked a minute or so after the first interview with the same pool, is claimed by
  // the interviewer the first one left free rather than pushed 5 minutes on.
  const pools = [[interviewerIds[0]], [interviewerIds[1], interviewerIds[3]], [interviewerIds[2]]].map((ids) => ids.map((id) => id ?? ''));
  await Promise.all(
    labels.map(async (label, index) => {
      const email = `retake-${label.toLowerCase()}.${run}@example.test`;
      const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: `Retake ${label}`, email }, pools[index] ?? [], position);
      candidates[label] = { label, email, interviewId, token };
      await bookSoon(token);
    }),
  );
  // Nobody joins: each interview ends as NO_SHOW, which HR may judge like a completed one.
  await Promise.all(labels.map((label) => waitForStatus(candidates[label].token, 'NO_SHOW')));
}, 300_000);

afterAll(async () => {
  await temporal?.close();
  await connection?.close();
  await portal?.stop();
});

describe('retake approval', () => {
  it('is refused while the cooldown since the interview runs, naming the cooldown', async () => {
    const { interviewId } = candidates.failed;
    await hr.mutation('hr.interviews.setOutcome', { interviewId, outcome: 'FAILED' });
    const before = await detail(interviewId);
    expect(before.retake.allowed).toBe(false);
    expect(before.retake.reason).toMatch(/cooldown/i);
    const error = await refusal(approve(interviewId));
    expect(error.domainCode).toBe('RETAKE_REFUSED');
    expect(error.message).toMatch(/cooldown/i);
    expect((await detail(interviewId)).status).toBe('NO_SHOW');
  });

  it('is refused while the outcome is PENDING, and after PASSED', async () => {
    const { interviewId } = candidates.pending;
    const pending = await refusal(approve(interviewId));
    expect(pending.domainCode).toBe('RETAKE_REFUSED');
    await hr.mutation('hr.interviews.setOutcome', { interviewId, outcome: 'PASSED' });
    const passed = await refusal(approve(interviewId));
    expect(passed.domainCode).toBe('RETAKE_REFUSED');
    const changeMind = await refusal(hr.mutation('hr.interviews.setOutcome', { interviewId, outcome: 'FAILED' }));
    expect(changeMind.domainCode).toBe('ILLEGAL_TRANSITION');
    const after = await detail(interviewId);
    expect(after.outcome).toBe('PASSED');
    expect(after.retake.allowed).toBe(false);
    expect(after.nextInterviewId).toBeNull();
  });

  it('is refused while the candidate has another active interview for the same position', async () => {
    const { interviewId, email } = candidates.onHold;
    await hr.mutation('hr.interviews.setOutcome', { interviewId, outcome: 'ON_HOLD' });
    const again = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
      candidateName: 'Retake onHold',
      candidateEmail: email,
      candidateTimezone: 'Europe/London',
      position,
      kind: 'technical',
      interviewerIds,
    });
    const duplicate = await refusal(
      hr.mutation('hr.interviews.invite', {
        candidateName: 'Retake onHold',
        candidateEmail: email.toUpperCase(),
        candidateTimezone: 'Europe/London',
        position,
        kind: 'technical',
        interviewerIds,
      }),
    );
    expect(duplicate.domainCode).toBe('ALREADY_EXISTS');

    await sleep(Math.max(0, (await completedAt(interviewId)) + COOLDOWN_MS + 1_000 - Date.now()));
    const shown = await detail(interviewId);
    expect(shown.retake.allowed).toBe(false);
    expect(shown.retake.reason).toMatch(/active/i);
    const error = await refusal(approve(interviewId));
    expect(error.domainCode).toBe('RETAKE_REFUSED');
    expect(error.message).toMatch(/active interview/i);
    const retakes = await connection.db?.collection('interviews').countDocuments({ previousInterviewId: interviewId });
    expect(retakes).toBe(0);
    expect((await detail(interviewId)).status).toBe('NO_SHOW');
    expect((await detail(again.interviewId)).status).toBe('INVITED');
  }, 150_000);

  let retakeId: string;
  let retakeToken: string;

  it('two approvals at the same moment give exactly one new interview; the other is told it is already approved', async () => {
    const { interviewId } = candidates.failed;
    await sleep(Math.max(0, (await completedAt(interviewId)) + COOLDOWN_MS + 1_000 - Date.now()));
    expect((await detail(interviewId)).retake).toEqual({ allowed: true, reason: null });
    const second = await signInAsAdmin(portal.api);
    const { succeeded: approved, refused } = await deliveredTogether(portal, () => [
      approve(interviewId),
      second.mutation<{ newInterviewId: string }>('hr.interviews.approveRetake', { interviewId }),
    ]);
    expect(approved).toHaveLength(1);
    expect(refused.map((e) => e.domainCode)).toEqual(['ALREADY_APPROVED']);
    retakeId = approved[0]?.newInterviewId ?? '';
    const retakes = await connection.db?.collection('interviews').find({ previousInterviewId: interviewId }).toArray();
    expect(retakes?.map((doc) => doc._id)).toEqual([retakeId]);

    const later = await refusal(approve(interviewId));
    expect(later.domainCode).toBe('ALREADY_APPROVED');
  }, 150_000);

  it('archives the old interview and its link answers LINK_SUPERSEDED', async () => {
    const { interviewId, token } = candidates.failed;
    const old = await detail(interviewId);
    expect(old.status).toBe('ARCHIVED');
    expect(old.nextInterviewId).toBe(retakeId);
    // One call at a time: a second call made up front could be refused before anything awaits it.
    const calls = [() => view(token), () => portal.api.mutation('candidate.book', { token, start: new Date(Date.now() + 3_600_000).toISOString() })];
    for (const call of calls) {
      expect((await refusal(call())).domainCode).toBe('LINK_SUPERSEDED');
    }
  });

  it('sends a retake invitation whose link books the new interview as attempt 2', async () => {
    const { email } = candidates.failed;
    const invitation = await eventually(
      async () => (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Metadata.interviewId === retakeId),
      ASYNC_WAIT_MS,
      'the retake invitation',
    );
    expect(invitation.Metadata.kind).toBe('retake_invitation');
    retakeToken = linkToken(invitation);
    expect(retakeToken).not.toBe(candidates.failed.token);
    const fresh = await view(retakeToken);
    expect(fresh).toMatchObject({ status: 'INVITED', attempt: 2 });
    await bookSoon(retakeToken);
    expect((await view(retakeToken)).status).toBe('SCHEDULED');
    expect((await refusal(view(candidates.failed.token))).domainCode).toBe('LINK_SUPERSEDED');
  });

  it('the retake’s link lists both attempts of the application: the first replaced and without a link, the retake its own; other candidates’ never', async () => {
    const application = await portal.api.query<{ interviews: { interviewId: string; current: boolean; attempt: number; status: string; link: string | null }[] }>(
      'candidate.interviews',
      { token: retakeToken },
    );
    expect(application.interviews).toEqual([
      expect.objectContaining({ interviewId: candidates.failed.interviewId, current: false, attempt: 1, status: 'ARCHIVED', link: null }),
      expect.objectContaining({ interviewId: retakeId, current: true, attempt: 2, status: 'SCHEDULED', link: null }),
    ]);
    // The same position, another person: only their own interview.
    const theirs = await portal.api.query<{ interviews: { interviewId: string }[] }>('candidate.interviews', { token: candidates.pending.token });
    expect(theirs.interviews.map((i) => i.interviewId)).toEqual([candidates.pending.interviewId]);
  });

  it('an ended interview’s link leads to the same candidate’s next one for the position, by the link its invitation carried', async () => {
    const { token, email, interviewId } = candidates.onHold;
    const { interviews } = await portal.api.query<{ interviews: { interviewId: string; current: boolean; status: string; link: string | null }[] }>(
      'candidate.interviews',
      { token },
    );
    expect(interviews).toEqual([
      expect.objectContaining({ interviewId, current: true, status: 'NO_SHOW', link: null }),
      expect.objectContaining({ current: false, status: 'INVITED', link: expect.stringMatching(/\/b\//) }),
    ]);
    const next = interviews[1];
    const invitation = (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Metadata.interviewId === next?.interviewId);
    expect(invitation && linkToken(invitation)).toBe(next?.link?.slice(next.link.lastIndexOf('/') + 1));
  });

  it('HR detail shows the timeline, the emails with their status, the Temporal link and both neighbours', async () => {
    const { interviewId } = candidates.failed;
    const old = await detail(interviewId);
    const types = old.events.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['INVITE', 'BOOK']);
    expect(types).toContain('WINDOW_CLOSES_ABSENT');
    expect(types.at(-1)).toBe('ARCHIVE_FOR_RETAKE');
    expect(old.events.at(-1)).toMatchObject({ actor: 'admin@example.test', fromStatus: 'NO_SHOW', toStatus: 'ARCHIVED' });
    expect(old.events.some((e) => e.actor === 'admin@example.test' && e.type === 'RECORD')).toBe(true);
    expect(old.emails.map((e) => e.kind)).toEqual(expect.arrayContaining(['invitation', 'confirmation', 'no_show']));
    for (const email of old.emails) expect(email.status).toMatch(/\w/);
    expect(old.temporalUrl).toContain(`/workflows/interview-${interviewId}`);
    expect(old.previousInterviewId).toBeNull();

    const next = await detail(retakeId);
    expect(next).toMatchObject({ attempt: 2, previousInterviewId: interviewId, nextInterviewId: null, status: 'SCHEDULED' });
    expect(next.events.map((e) => e.type).slice(0, 2)).toEqual(['INVITE', 'BOOK']);
    expect(next.events[0]).toMatchObject({ actor: 'admin@example.test', toStatus: 'INVITED' });
    expect(next.temporalUrl).toContain(`/workflows/interview-${retakeId}`);
    await eventually(async () => {
      const emails = (await detail(retakeId)).emails;
      return emails.some((e) => e.kind === 'retake_invitation') ? emails : undefined;
    }, ASYNC_WAIT_MS, 'the retake invitation in the message log');
  });

  it('is refused once the attempt limit is reached', async () => {
    await waitForStatus(retakeToken, 'NO_SHOW');
    await hr.mutation('hr.interviews.setOutcome', { interviewId: retakeId, outcome: 'FAILED' });
    const shown = await detail(retakeId);
    expect(shown.retake.allowed).toBe(false);
    expect(shown.retake.reason).toMatch(/attempts/);
    const error = await refusal(approve(retakeId));
    expect(error.domainCode).toBe('RETAKE_REFUSED');
    expect(error.message).toMatch(/limit of 2 attempts/);
    expect((await detail(retakeId)).nextInterviewId).toBeNull();
  }, 240_000);
});
