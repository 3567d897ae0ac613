import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@portal/db';
import { ApiError } from './support/api-client';
import { calendarOf } from './support/calendar';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, inviteInTens, signInAsAdmin, sinkMessages, type SinkMessage, ASYNC_WAIT_MS } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { recordHistory } from './support/record-history';
import { SHARED_MINUTE_SETTINGS, sharedPortal } from './support/shared-portal';

interface View {
  status: string;
  slot: { start: string; panelNames: string[] } | null;
}

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let db: Database;
const run = Date.now();
const HOUR = 3_600_000;

beforeAll(async () => {
  // An hour to book rather than ten seconds: no test here waits for an expiry.
  portal = await sharedPortal(SHARED_MINUTE_SETTINGS);
  hr = await signInAsAdmin(portal.api);
  db = await openDatabase(portal.mongoUrl);
});

afterAll(async () => {
  await db?.close();
  await portal?.stop();
});

async function interviewers(label: string, count: number) {
  const made = [];
  for (let i = 0; i < count; i += 1) {
    const name = `${label} ${i} ${run}`;
    made.push({ id: (await alwaysAvailableInterviewer(hr, name)).id, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.test` });
  }
  return made;
}

const slotsOf = async (token: string) => (await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token })).slots;
const viewOf = (token: string) => portal.api.query<View>('candidate.view', { token });

/** Messages of `kind` to `to`, once `count` of them arrived (and a moment later, so a duplicate would show). */
async function mailTo(to: string, kind: string, count = 1): Promise<SinkMessage[]> {
  return eventually(async () => {
    const found = (await sinkMessages(portal.sinkUrl, { to })).filter((m) => m.Metadata.kind === kind);
    return found.length >= count ? found : undefined;
  }, ASYNC_WAIT_MS, `${kind} to ${to}`);
}

describe('panels', () => {
  it('a two-person panel is booked, moved and cancelled; each interviewer gets each calendar message once', { timeout: 180_000 }, async () => {
    const pool = await interviewers('Panelist', 3);
    const emails = new Map(pool.map((p) => [p.id, p.email]));
    const candidateEmail = `panel.${run}@example.test`;
    const { interviewId, token } = await inviteAndReadLink(
      hr, portal.sinkUrl, { name: 'Panel Candidate', email: candidateEmail }, pool.map((p) => p.id), 'Backend Engineer', { kind: 'panel' },
    );
    // Claims hold whole 5-minute cells: the two times lie well apart so the move does not collide with itself.
    const ahead = (await slotsOf(token)).filter((s) => Date.parse(s.start) > Date.now() + HOUR);
    const first = ahead[0];
    const second = ahead.find((s) => first && Date.parse(s.start) >= Date.parse(first.start) + 15 * 60_000);
    if (!first || !second) throw new Error('no slots an hour ahead');

    await portal.api.mutation('candidate.book', { token, start: first.start });
    const booked = await hr.query<{ slot: { panelNames: string[] } }>('hr.interviews.get', { interviewId });
    expect(booked.slot.panelNames).toHaveLength(2);
    const panelAt = async () => (await db.interviews.findById(interviewId).lean())?.slot?.interviewerIds ?? [];
    const firstPanel = await panelAt();
    const uid = `${interviewId}@interview-portal`;
    const [confirmation] = await mailTo(candidateEmail, 'confirmation');
    const candidateCalendar = calendarOf(confirmation as SinkMessage);
    const everyone = [candidateEmail, ...firstPanel.map((id) => emails.get(id) ?? '')].sort();
    expect(candidateCalendar).toMatchObject({ method: 'REQUEST', uid, organizer: 'hr@example.test', attendees: everyone });
    for (const id of firstPanel) {
      const [invite] = await mailTo(emails.get(id) ?? '', 'interviewer_invitation');
      expect(calendarOf(invite as SinkMessage)).toEqual({ ...candidateCalendar, start: first.start });
    }

    // One of the panel is taken at the new time, so the move reassigns: the other stays.
    const [leaving, staying] = firstPanel;
    const [joining] = pool.map((p) => p.id).filter((id) => !firstPanel.includes(id));
    if (!leaving || !staying || !joining) throw new Error('panel of two from a pool of three expected');
    const blocker = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Blocker', email: `blocker.${run}@example.test` }, [leaving]);
    await portal.api.mutation('candidate.book', { token: blocker.token, start: second.start });
    await portal.api.mutation('candidate.reschedule', { token, start: second.start });
    expect((await panelAt()).sort()).toEqual([staying, joining].sort());
    const [update] = await mailTo(emails.get(staying) ?? '', 'interviewer_update');
    const [leftCancel] = await mailTo(emails.get(leaving) ?? '', 'interviewer_cancelled');
    const [joinInvite] = await mailTo(emails.get(joining) ?? '', 'interviewer_invitation');
    const moved = calendarOf(update as SinkMessage);
    expect(moved).toMatchObject({ method: 'REQUEST', uid, start: second.start });
    expect(moved.sequence).toBeGreaterThan(candidateCalendar.sequence);
    expect(moved.attendees).toEqual([candidateEmail, emails.get(staying), emails.get(joining)].sort());
    expect(calendarOf(joinInvite as SinkMessage)).toEqual(moved);
    expect(calendarOf(leftCancel as SinkMessage)).toMatchObject({ method: 'CANCEL', uid, start: first.start });

    await portal.api.mutation('candidate.cancel', { token, reason: 'Accepted another offer' });
    for (const id of [staying, joining]) {
      const [cancel] = await mailTo(emails.get(id) ?? '', 'interviewer_cancelled');
      expect(calendarOf(cancel as SinkMessage)).toMatchObject({ method: 'CANCEL', uid, start: second.start });
      expect(calendarOf(cancel as SinkMessage).sequence).toBeGreaterThan(moved.sequence);
    }
    // Each message once, for every interviewer, a few seconds after the last.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const { email } of pool) {
      const kinds = (await sinkMessages(portal.sinkUrl, { to: email })).filter((m) => m.Metadata.interviewId === interviewId).map((m) => m.Metadata.kind ?? '');
      expect(kinds.length, email).toBe(new Set(kinds).size);
    }
    expect(await db.dayClaims.countDocuments({ interviewId })).toBe(0);
    await recordHistory(interviewId, 'panel-moved-cancelled');
  });

  it('two candidates whose panels share an interviewer race for one time: one booking, no claim left behind', { timeout: 120_000 }, async () => {
    const [x, shared, z] = await interviewers('Racer', 3);
    if (!x || !shared || !z) throw new Error('three interviewers expected');
    const a = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Race A', email: `race.a.${run}@example.test` }, [x.id, shared.id], 'SRE', { kind: 'panel' });
    const b = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Race B', email: `race.b.${run}@example.test` }, [shared.id, z.id], 'SRE', { kind: 'panel' });
    const start = (await slotsOf(a.token)).find((s) => Date.parse(s.start) > Date.now() + HOUR)?.start;
    const results = await Promise.allSettled([
      portal.api.mutation('candidate.book', { token: a.token, start }),
      portal.api.mutation('candidate.book', { token: b.token, start }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason;
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).domainCode).toBe('SLOT_TAKEN');
    const loser = results[0]?.status === 'rejected' ? a : b;
    const winner = loser === a ? b : a;
    expect((await viewOf(loser.token)).status).toBe('INVITED');
    expect((await viewOf(winner.token)).status).toBe('SCHEDULED');
    expect(await db.slotClaims.countDocuments({ interviewId: loser.interviewId })).toBe(0);
    expect(await db.dayClaims.countDocuments({ interviewId: loser.interviewId })).toBe(0);
    expect(await db.dayClaims.countDocuments({ interviewId: winner.interviewId })).toBe(2);
  });

  it('thirty bookings on a pool of three spread evenly: counts differ by at most one', { timeout: 240_000 }, async () => {
    const pool = await interviewers('Fair', 3);
    const ids = pool.map((p) => p.id);
    const first = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Fair 0', email: `fair.0.${run}@example.test` }, ids, 'Data Analyst');
    // Ten minutes apart: every interviewer is free at every one of them, so only the rule decides who is picked.
    const starts = (await slotsOf(first.token))
      .filter((s) => Date.parse(s.start) > Date.now() + HOUR && new Date(s.start).getUTCMinutes() % 10 === 0)
      .slice(0, 30)
      .map((s) => s.start);
    expect(starts).toHaveLength(30);
    // Invited ten at a time (an invitation picks nobody), then booked one after another.
    const others = starts.slice(1).map((_, k) => ({ name: `Fair ${k + 1}`, email: `fair.${k + 1}.${run}@example.test` }));
    const candidates = [first, ...(await inviteInTens(hr, portal.sinkUrl, others, ids, 'Data Analyst'))];
    for (const [i, start] of starts.entries()) await portal.api.mutation('candidate.book', { token: candidates[i]?.token, start });
    const listed = await hr.query<{ id: string; bookedNext14Days: number }[]>('hr.interviewers.list');
    const counts = listed.filter((i) => ids.includes(i.id)).map((i) => i.bookedNext14Days);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(30);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('a panel larger than the pool is refused at invitation, and nothing is created', async () => {
    const [only] = await interviewers('Lonely', 1);
    // The portal is shared: nothing created is counted among this candidate's interviews and this interviewer's seats.
    const candidateEmail = `too.big.${run}@example.test`;
    const held = async () => ({
      interviews: await db.interviews.countDocuments({ candidateEmail }),
      dayClaims: await db.dayClaims.countDocuments({ interviewerId: only?.id }),
    });
    const before = await held();
    await expect(
      hr.mutation('hr.interviews.invite', {
        candidateName: 'Too Big', candidateEmail, candidateTimezone: 'UTC',
        position: 'SRE', kind: 'panel', interviewerIds: [only?.id], panelSize: 2,
      }),
    ).rejects.toMatchObject({ domainCode: 'BAD_INPUT' });
    expect(await held()).toEqual(before);
    expect(before.interviews).toBe(0);
  });
});
