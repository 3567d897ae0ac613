import { createHash } from 'node:crypto';
import type { Database } from '@portal/db';
import { availabilityOf, daySeatKey, loadLimitKeys, slotCellKey, type InterviewerDocument } from '@portal/db/documents';
import { activeInterviewers } from '@portal/db/interviewers';
import { withLoadLimits } from '@portal/db/load-limits';
import { interviewersWhoMet } from '@portal/db/met-before';
import { readCalendarBusy, withCalendarBusy } from '@portal/db/calendar-busy';
import { withInterviewBuffers } from '@portal/shared/buffers';
import { DomainError } from '@portal/shared/errors';
import type { PanelMember, SlotState } from '@portal/shared/lifecycle';
import { claimCells, generateSlots, localDay, type ClaimRefusalReason } from '@portal/shared/slots';
import type { ClaimedInterview, ClaimRequest, LoopClaimOutcome, ReplacementRequest } from '../activities-api';
import { readCalendarConnections, readOrganisationAccess, type CalendarDeps } from '../../calendars/activities/calendar-access';
import { calendarBusyAt } from '../../calendars/activities/calendar-recheck';
import { createClaimAttempts } from './claim-attempts';
import { fairPool, type FairPool } from './fair-order';
import { hold, holdAll } from './hold-keys';
import { claimInOrder } from './loop-claim-order';
import { createSeatsInFlight } from './seats-in-flight';

/** A seat index in [0, seats) fixed by the claim id (the first 32 bits of its SHA-256). */
function seatToTryFirst(claimId: string, seats: number): number {
  return createHash('sha256').update(claimId).digest().readUInt32BE(0) % Math.max(1, seats);
}

/**
 * Removes every cell and seat of one claim (the whole panel); a no-op once done, so retries are safe.
 * An interview that took place keeps its load seats (`ended`): it still counts towards its week's
 * and month's limits.
 */
export async function releaseClaim(db: Pick<Database, 'slotClaims' | 'dayClaims' | 'weekSeats' | 'loadSeats'>, claimId: string, ended = false): Promise<void> {
  await Promise.all([
    db.slotClaims.deleteMany({ claimId }),
    db.dayClaims.deleteMany({ claimId }),
    db.weekSeats.deleteMany({ claimId }),
    ...(ended ? [] : [db.loadSeats.deleteMany({ claimId })]),
  ]);
}

const DAY_MS = 24 * 3_600_000;

/** The same id on every attempt of a claim: what an earlier attempt inserted is this claim's already. */
const claimIdOf = (interviewId: string, start: Date) => `${interviewId}@${start.toISOString()}`;

/** What a claim reads before it chooses among its pool. */
interface ClaimReads {
  pool: InterviewerDocument[];
  calendarBusy: Awaited<ReturnType<typeof readCalendarBusy>>;
  connections: Awaited<ReturnType<typeof readCalendarConnections>>;
  met: ReadonlySet<string>;
}

/** Why the claim chose a member, in HR's words (the detail page shows it beside the name). */
function whyPicked(doc: InterviewerDocument, free: number, needed: number, fair: FairPool | null, met: ReadonlySet<string>): string {
  const chosen = fair === null ? (free === 1 ? 'the only one of the pool free then' : `every one of the ${free} free then was needed`) : `fewest interviews that week (${fair.count(doc)}) among ${free} free`;
  if (met.has(doc._id)) return `${chosen}; had met the candidate before, as nobody else was free`;
  return met.size > 0 && needed < free ? `${chosen}; had not met the candidate before` : chosen;
}

const memberOf = (doc: InterviewerDocument, calendar: boolean): PanelMember => ({
  interviewerId: doc._id,
  name: doc.name,
  email: doc.email,
  timezone: doc.timezone,
  calendar,
});

/** A panel that could not be filled, in words saying why: another booking first, then a limit, then the calendar. */
function slotRefused(refusals: ReadonlySet<ClaimRefusalReason>): DomainError {
  if (refusals.has('booked') || refusals.size === 0) return new DomainError('SLOT_TAKEN', 'That time was just taken by someone else.', { reason: 'booked' });
  if (refusals.has('limit')) return new DomainError('SLOT_TAKEN', 'That time can no longer be booked: the interviewer has reached their limit of interviews.', { reason: 'limit' });
  return new DomainError('SLOT_TAKEN', 'That time is no longer free in the interviewer’s calendar.', { reason: 'unavailable' });
}

/**
 * Claims a slot for a whole panel with inserts only (FerretDB v1's conditional updates are not
 * atomic): for each member, one document per (interviewer, 5-minute cell) covered by the slot
 * plus their buffers, and one of their daily seats. A duplicate key on any of them means someone
 * else holds it: that member's inserts are removed and the next free interviewer, in the fair
 * order, is tried. Too few members held means the slot is taken, and everything is released.
 */
export function createSlotClaims(deps: { db: Database; calendar: CalendarDeps }) {
  const { db } = deps;
  const inFlight = createSeatsInFlight();
  const attempts = createClaimAttempts<SlotState>();
  // Read only when a member's calendar goes through an organisation connection.
  const organisation = () => readOrganisationAccess(db, deps.calendar.key);

  /** Only this member's part of the claim; the rest of the panel keeps what it holds. */
  async function releaseMember(claimId: string, interviewerId: string): Promise<void> {
    await Promise.all([
      db.slotClaims.deleteMany({ claimId, interviewerId }),
      db.dayClaims.deleteMany({ claimId, interviewerId }),
      db.weekSeats.deleteMany({ claimId, interviewerId }),
      db.loadSeats.deleteMany({ claimId, interviewerId }),
    ]);
  }

  /** A seat under each of the member's limits (week, month) for a booking at `start`; false when one is full. */
  async function holdLoad(interviewer: InterviewerDocument, start: Date, claimId: string, interviewId: string): Promise<boolean> {
    for (const keys of loadLimitKeys(interviewer, start)) {
      let held = false;
      for (const _id of keys) {
        if (await hold(db.loadSeats, { _id, claimId, interviewId, interviewerId: interviewer._id, createdAt: new Date() })) {
          held = true;
          break;
        }
      }
      if (!held) return false;
    }
    return true;
  }

  /**
   * `interviewer` with the buffers they keep around this interview (`withInterviewBuffers`): the
   * cells cover them, and the day seat keeps them for the slot listing (busy-times.ts).
   * `held`; or refused after taking back what this member's part inserted, because another booking
   * holds one of the member's cells (`taken`) or their day's, week's or month's seats are all held
   * (`limit`); or `untouched`: refused at a rival's very first cell, so nothing of this claim was
   * ever inserted for this member.
   */
  async function claimMember(
    interviewer: InterviewerDocument,
    start: Date,
    end: Date,
    claimId: string,
    interviewId: string,
  ): Promise<'held' | 'taken' | 'limit' | 'untouched'> {
    const now = new Date();
    const cells = claimCells({
      start,
      end,
      bufferBeforeMinutes: interviewer.bufferBeforeMinutes,
      bufferAfterMinutes: interviewer.bufferAfterMinutes,
    }).map((cell) => ({ _id: slotCellKey(interviewer._id, cell), interviewerId: interviewer._id, cell, claimId, interviewId, createdAt: now }));
    const day = localDay(start, interviewer.timezone);
    // Every seat of the day, from one that depends on the claim: claims for one interviewer's day at
    // once mostly try different seats first, where each tried seat 0 and then queued up the seats one
    // failed insert (and read) at a time. Any free seat counts the same towards maxPerDay, and an
    // attempt and its retry share the claim id, so they try the seats in the same order.
    const first = seatToTryFirst(claimId, interviewer.maxPerDay);
    const seats = Array.from({ length: interviewer.maxPerDay }, (_, i) => ({
      _id: daySeatKey(interviewer._id, day, (first + i) % interviewer.maxPerDay),
      claimId,
      interviewId,
      interviewerId: interviewer._id,
      start,
      end,
      bufferBeforeMinutes: interviewer.bufferBeforeMinutes,
      bufferAfterMinutes: interviewer.bufferAfterMinutes,
      createdAt: now,
    }));
    let refused: 'taken' | 'limit' = 'taken';
    try {
      // The cells in ascending order, in one ordered batch: each insert in it is atomic on FerretDB,
      // and a common order means two overlapping claims cannot each hold a cell the other needs.
      const held = await holdAll(db.slotClaims, cells);
      if (held.held) {
        refused = 'limit';
        for (const seat of seats) {
          if (!(await hold(db.dayClaims, seat))) continue;
          // Within the day's cap; the week's and month's limits are seats of their own (docs/adr/0032).
          if (await holdLoad(interviewer, start, claimId, interviewId)) return 'held';
          break;
        }
      } else if (!held.landed) {
        return 'untouched';
      }
    } catch (error) {
      await releaseMember(claimId, interviewer._id);
      throw error;
    }
    await releaseMember(claimId, interviewer._id);
    return refused;
  }

  async function readClaimedInterview(interviewId: string): Promise<ClaimedInterview> {
    const interview = await db.interviews.findById(interviewId, { interviewerIds: 1, durationMinutes: 1, panelSize: 1 }).lean();
    if (interview === null) throw new DomainError('NOT_FOUND', 'Interview not found.');
    return interview;
  }

  /** What a claim reads before it chooses: its pool, their calendars, who met the candidate before. */
  async function readBeforeClaim(interviewerIds: string[], starts: Date[], request: { candidateEmail?: string; interviewId: string }): Promise<ClaimReads> {
    const times = starts.map((s) => s.getTime());
    const [pool, calendarBusy, connections, met] = await Promise.all([
      activeInterviewers(db, interviewerIds),
      readCalendarBusy(db, interviewerIds, new Date(Math.min(...times) - DAY_MS), new Date(Math.max(...times) + DAY_MS)),
      readCalendarConnections(db, interviewerIds),
      metBefore(request),
    ]);
    return { pool, calendarBusy, connections, met };
  }

  /** A claim, after any attempt of it still running in this worker (claim-attempts.ts). */
  function claimSlot(request: ClaimRequest, read?: ClaimReads): Promise<SlotState> {
    const start = Date.parse(request.start);
    if (Number.isNaN(start)) return claimSlotOnce(request, read);
    return attempts(claimIdOf(request.interviewId, new Date(start)), () => claimSlotOnce(request, read));
  }

  async function claimSlotOnce(request: ClaimRequest, read?: ClaimReads): Promise<SlotState> {
    const interview = request.interview ?? (await readClaimedInterview(request.interviewId));
    const start = new Date(request.start);
    const reads = read ?? (await readBeforeClaim(interview.interviewerIds, [start], request));
    const { calendarBusy, connections, met } = reads;
    // A loop's reads cover every session's pool: this claim's own members, in its pool's order, each
    // with the buffers they keep around this interview (their own or its kind's, docs/adr/0066).
    const pool = (read ? interview.interviewerIds.flatMap((id) => reads.pool.filter((doc) => doc._id === id)) : reads.pool).map((doc) =>
      withInterviewBuffers(doc, request.rules),
    );
    const offered = generateSlots({
      interviewers: pool.map((doc) => withCalendarBusy(availabilityOf(doc), calendarBusy)),
      booked: [],
      rules: { ...request.rules, durationMinutes: interview.durationMinutes },
      now: new Date(),
      within: { from: start, to: new Date(start.getTime() + 1) },
    }).find((slot) => slot.start.getTime() === start.getTime());
    if (offered === undefined || offered.interviewerIds.length < interview.panelSize) {
      throw new DomainError('SLOT_UNAVAILABLE', 'That time is not offered for this interview.', { reason: 'unavailable' });
    }
    const claimId = claimIdOf(request.interviewId, start);
    const free = pool.filter((doc) => offered.interviewerIds.includes(doc._id));
    // When every free member is needed, who is asked first changes nothing: no read, no week seats.
    const fair = free.length <= interview.panelSize ? null : await fairPool(db, free, offered.start, { claimId, interviewId: request.interviewId }, inFlight, met);
    const panel: InterviewerDocument[] = [];
    // Whether every member was asked and each was refused at a rival's first cell: then nothing of
    // this claim exists (an earlier attempt's keys would have come first), and nothing is released.
    let untouched = true;
    // Why members were refused, for the refusal's words: another booking's cells weigh most.
    const refusals = new Set<ClaimRefusalReason>();
    try {
      let left = free;
      const checked = new Set<string>();
      while (panel.length < interview.panelSize) {
        // Too few left to ask to fill the panel: the slot is taken whatever they would answer.
        const interviewer = panel.length + left.length < interview.panelSize ? undefined : fair ? fair.next(left) : left[0];
        if (interviewer === undefined) {
          // A member left unasked may still hold an earlier attempt's keys.
          untouched &&= left.length === 0;
          break;
        }
        // Free by the last sync; their calendar may have filled since (a meeting added a minute ago).
        // Asked once: a member met again after a lost week seat is not asked again.
        if (!checked.has(interviewer._id)) {
          checked.add(interviewer._id);
          const connection = connections.get(interviewer._id) ?? null;
          if (await calendarBusyAt(deps, interviewer, connection, organisation, offered, request.interviewId)) {
            left = left.filter((doc) => doc !== interviewer);
            untouched = false;
            refusals.add('unavailable');
            continue;
          }
        }
        // A rival claim took the seat this one read as next: its booking is counted now, choose again.
        if (fair && !(await fair.takeSeat(interviewer, left))) continue;
        left = left.filter((doc) => doc !== interviewer);
        const answer = await claimMember(interviewer, offered.start, offered.end, claimId, request.interviewId);
        // Refused at a rival's first cell after its week seat landed: only the seat to give back.
        if (answer === 'untouched' && fair) await db.weekSeats.deleteMany({ claimId, interviewerId: interviewer._id });
        if (answer === 'held') panel.push(interviewer);
        else refusals.add(answer === 'limit' ? 'limit' : 'booked');
        untouched &&= answer === 'untouched';
      }
      if (panel.length < interview.panelSize && !untouched) await releaseClaim(db, claimId);
    } finally {
      // Its day claims are written (or it gave its seats back): claims here that read before now
      // still see the seats it keeps; later reads find its day claims.
      fair?.done(panel.length < interview.panelSize ? [] : panel);
    }
    const [lead] = panel;
    if (lead === undefined || panel.length < interview.panelSize) throw slotRefused(refusals);
    return {
      start: offered.start.toISOString(),
      end: offered.end.toISOString(),
      interviewerId: lead._id,
      interviewerTimezone: lead.timezone,
      panel: panel.map((doc) => ({ ...memberOf(doc, connections.has(doc._id)), pickedBecause: whyPicked(doc, free.length, interview.panelSize, fair, met) })),
      claimId,
    };
  }

  async function metBefore(request: { candidateEmail?: string; interviewId: string }): Promise<ReadonlySet<string>> {
    return request.candidateEmail === undefined ? new Set<string>() : interviewersWhoMet(db, request.candidateEmail, request.interviewId);
  }

  /**
   * One member's place on a booked panel, at the same time, under the same claim and its rules: the
   * pool's active members not on the panel who are offered that start (hours, time off, calendar,
   * notice waived: the time is booked already), re-checked in their calendar and asked in the fair
   * order, each by the same inserts a claim makes. The leaving member's part goes only once another
   * holds the place, or once nobody can: all or nothing for the place. A retry finds its own keys.
   */
  async function replacePanelMember(request: ReplacementRequest): Promise<PanelMember | null> {
    const { interview } = request;
    const start = new Date(request.start);
    const candidates = interview.interviewerIds.filter((id) => !request.panel.includes(id));
    const [members, calendarBusy, connections, met] = await Promise.all([
      activeInterviewers(db, candidates),
      readCalendarBusy(db, candidates, new Date(start.getTime() - DAY_MS), new Date(start.getTime() + DAY_MS)),
      readCalendarConnections(db, candidates),
      metBefore(request),
    ]);
    const pool = members.map((doc) => withInterviewBuffers(doc, request.rules));
    const offered = generateSlots({
      interviewers: await withLoadLimits(db, pool, pool.map((doc) => withCalendarBusy(availabilityOf(doc), calendarBusy))),
      booked: [],
      rules: { ...request.rules, minNoticeMinutes: 0, durationMinutes: interview.durationMinutes },
      now: new Date(),
      within: { from: start, to: new Date(start.getTime() + 1) },
    }).find((slot) => slot.start.getTime() === start.getTime());
    let left = pool.filter((doc) => offered?.interviewerIds.includes(doc._id));
    const free = left.length;
    const fair = left.length <= 1 ? null : await fairPool(db, left, start, { claimId: request.claimId, interviewId: request.interviewId }, inFlight, met);
    const end = new Date(request.end);
    let chosen: InterviewerDocument | undefined;
    try {
      while (chosen === undefined && left.length > 0) {
        const interviewer = fair ? fair.next(left) : left[0];
        if (interviewer === undefined) break;
        if (await calendarBusyAt(deps, interviewer, connections.get(interviewer._id) ?? null, organisation, { start, end }, request.interviewId)) {
          left = left.filter((doc) => doc !== interviewer);
          continue;
        }
        if (fair && !(await fair.takeSeat(interviewer, left))) continue;
        left = left.filter((doc) => doc !== interviewer);
        const answer = await claimMember(interviewer, start, end, request.claimId, request.interviewId);
        if (answer === 'held') chosen = interviewer;
        else if (fair) await db.weekSeats.deleteMany({ claimId: request.claimId, interviewerId: interviewer._id });
      }
    } finally {
      inFlight.done(request.claimId);
    }
    await releaseMember(request.claimId, request.leaving);
    if (chosen === undefined) return null;
    return { ...memberOf(chosen, connections.has(chosen._id)), pickedBecause: whyPicked(chosen, free, 1, fair, met) };
  }

  /**
   * Every session of a loop claimed in one activity, their reads made once for all (the pools'
   * documents and calendars, who met the candidate): each claim is then the single claim's, with its
   * own claim id, one after another in the loops' one order (loop-claim-order.ts). A session refused
   * is answered as such and the sessions after it are left unclaimed; anything else releases what
   * this attempt held and fails the attempt, whose retry finds its own keys (docs/adr/0042).
   */
  async function claimLoopSlots(requests: ClaimRequest[]): Promise<LoopClaimOutcome[]> {
    const [first] = requests;
    if (first === undefined) return [];
    const sessions = await Promise.all(requests.map(async (r) => ({ ...r, interview: r.interview ?? (await readClaimedInterview(r.interviewId)) })));
    const ids = [...new Set(sessions.flatMap((r) => r.interview.interviewerIds))];
    // The loop's other sessions are INVITED while it books, never met: excepting the first is enough.
    const reads = await readBeforeClaim(ids, requests.map((r) => new Date(r.start)), first);
    // One session after another in the loops' one order of claims, up to the first refusal (loop-claim-order.ts).
    return claimInOrder(sessions, (request) => claimSlot(request, reads), (slot) => releaseClaim(db, slot.claimId));
  }

  return {
    claimSlot: (request: ClaimRequest) => claimSlot(request),
    claimLoopSlots,
    replacePanelMember,
    releaseSlot: async (input: { interviewId: string; claimId: string }) => releaseClaim(db, input.claimId),
  };
}
