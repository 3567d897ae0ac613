import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './support/api-client';
import { withDatabase } from './support/database';
import { alwaysAvailableInterviewer, signInAsAdmin } from './support/fixtures';
import { FAST_LIFECYCLE, startPortal, type PortalUnderTest } from './support/portal-under-test';

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let interviewerId: string;
const run = Date.now();

beforeAll(async () => {
  portal = await startPortal(import.meta.url, FAST_LIFECYCLE);
  hr = await signInAsAdmin(portal.api);
  interviewerId = (await alwaysAvailableInterviewer(hr, `Invite Race Interviewer ${run}`)).id;
});

afterAll(async () => {
  await portal?.stop();
});

describe('inviting a candidate', () => {
  it('three invitations of one candidate for one position at once give one interview; the refused ones leave no document or count behind', async () => {
    const email = `invite.race.${run}@example.test`;
    const invite = () =>
      hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
        candidateName: 'Invite Race',
        candidateEmail: email,
        candidateTimezone: 'Europe/London',
        position: 'Race Engineer',
        kind: 'technical',
        interviewerIds: [interviewerId],
      });
    const results = await Promise.allSettled([invite(), invite(), invite()]);
    const accepted = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.interviewId] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' && r.reason instanceof ApiError ? [r.reason.domainCode] : []));
    expect(accepted).toHaveLength(1);
    expect(refused).toEqual(['ALREADY_EXISTS', 'ALREADY_EXISTS']);

    const { interviews, moves } = await withDatabase(portal.mongoUrl, async (db) => ({
      interviews: await db.collection<{ _id: string }>('interviews').find({ candidateEmail: email }).toArray(),
      moves: await db.collection<{ _id: string }>('interview_list_moves').find({}, { projection: { _id: 1 } }).toArray(),
    }));
    expect(interviews.map((doc) => doc._id)).toEqual(accepted);
    // A count recorded for a refused invitation is withdrawn: every `<id>:0` without its interview has `<id>:withdrawn`.
    const ids = new Set(moves.map((doc) => doc._id));
    const kept = new Set(interviews.map((doc) => doc._id));
    const stray = [...ids].filter((id) => id.endsWith(':0') && !kept.has(id.slice(0, -2)) && !ids.has(`${id.slice(0, -2)}:withdrawn`));
    expect(stray).toEqual([]);
  });
});
