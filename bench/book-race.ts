import { Connection } from '@temporalio/client';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { ApiError } from '@portal/system-tests/api-client';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin, spacedStarts } from '@portal/system-tests/fixtures';
import { startBenchPortal } from './harness';
import { burst, eventTimeMs, median, row, type Figures } from './measure';

const CANDIDATES = 50;
const SLOTS = 5;
const FLOOR_ROUNDS = 5;
// One race's median moves by a factor of two between runs of the same code (its 50 answers come
// from one burst), so several races are run and their medians' median is printed, as the floor's.
const RACES = Number(process.env.BENCH_RACES ?? 3);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 3000);

const portal = await startBenchPortal('race', { MIN_NOTICE_MINUTES: '0', SLOT_STEP_MINUTES: '5' });
try {
  const hr = await signInAsAdmin(portal.api);
  const interviewer = await alwaysAvailableInterviewer(hr, 'Race Interviewer');
  /** 50 fresh candidates of the one interviewer, invited ten at a time, each with their link. */
  const inviteRacers = async (race: number) => {
    const racers: { interviewId: string; token: string }[] = [];
    for (let batch = 0; batch < CANDIDATES / 10; batch += 1) {
      const invited = await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          const n = race * CANDIDATES + batch * 10 + i;
          return inviteAndReadLink(hr, portal.sinkUrl, { name: `Racer ${n}`, email: `racer.${n}@example.test` }, [interviewer.id]);
        }),
      );
      racers.push(...invited);
    }
    return racers;
  };

  const races: { figures: Figures; booked: number; taken: number; started: number; candidates: { interviewId: string; token: string }[] }[] = [];
  let targets: string[] = [];
  for (let r = 0; r < RACES; r += 1) {
    const candidates = await inviteRacers(r);
    const first = candidates[0];
    if (!first) throw new Error('no candidates');
    if (r === 0) {
      const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: first.token });
      // Two hours apart and an hour ahead: no two races' slots overlap and none is past when its race starts.
      targets = spacedStarts(slots, SLOTS * RACES, 60 * 60_000, 2 * 60 * 60_000);
    }
    const mine = targets.slice(r * SLOTS, (r + 1) * SLOTS);
    // The invitations' trailing work (their emails' bookkeeping) settles first, as it has when the floor is measured.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const started = Date.now();
    const race = await burst(candidates.map((candidate, i) => () => portal.api.mutation('candidate.book', { token: candidate.token, start: mine[i % SLOTS] })));
    races.push({
      figures: race.figures,
      booked: race.results.filter((result) => result.status === 'fulfilled').length,
      taken: race.results.filter((result) => result.status === 'rejected' && result.reason instanceof ApiError && result.reason.domainCode === 'SLOT_TAKEN').length,
      started,
      candidates,
    });
  }
  const [firstRace] = races;
  if (!firstRace) throw new Error('no race ran');
  const { candidates, started: raceStarted } = firstRace;

  // The floor: an update round trip that does no work: `join` refused by its validator (no slot is open),
  // on the same 50 workflows at the same concurrency, and the lighter state query beside it.
  const connection = await Connection.connect({ address: portal.temporalAddress });
  const client = portalTemporalClient(connection);
  const handles = candidates.map((c) => client.workflow.getHandle(interviewWorkflowId(c.interviewId)));
  const updates: number[] = [];
  const queries: number[] = [];
  let updateSeconds = 0;
  let querySeconds = 0;
  for (let round = 0; round < FLOOR_ROUNDS; round += 1) {
    const update = await burst(handles.map((handle) => () => handle.executeUpdate('join')));
    if (update.results.some((r) => r.status === 'fulfilled')) throw new Error('a join was accepted; the floor must be a refusal');
    const query = await burst(handles.map((handle) => () => handle.query('state')));
    if (round === 0) continue; // warm-up
    updates.push(update.figures.p50Ms, update.figures.p99Ms);
    queries.push(query.figures.p50Ms, query.figures.p99Ms);
    updateSeconds += update.figures.count / update.figures.perSecond;
    querySeconds += query.figures.count / query.figures.perSecond;
  }
  // Where a winner's time went in the first race: its book update's workflow task (started, completed) after that race began.
  const phases = await Promise.all(handles.map(async (handle) => {
    const events = (await handle.fetchHistory()).events ?? [];
    const at = (e: (typeof events)[number] | undefined) => (e?.eventTime ? eventTimeMs(e.eventTime) - raceStarted : undefined);
    const completedAt = events.findIndex((e) => e.workflowExecutionUpdateCompletedEventAttributes);
    if (completedAt < 0) return undefined;
    const before = events.slice(0, completedAt).reverse();
    const started = before.find((e) => e.workflowTaskStartedEventAttributes);
    const completed = before.find((e) => e.workflowTaskCompletedEventAttributes);
    const refused = Boolean(events[completedAt]?.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure);
    return { started: at(started), completed: at(completed), refused };
  }));
  const asked = phases.filter((p): p is { started: number; completed: number; refused: boolean } => p?.started !== undefined && p.completed !== undefined);
  await connection.close();

  const updateP50 = median(updates.filter((_, i) => i % 2 === 0));
  const updateP99 = median(updates.filter((_, i) => i % 2 === 1));
  const queryP50 = median(queries.filter((_, i) => i % 2 === 0));
  const queryP99 = median(queries.filter((_, i) => i % 2 === 1));
  const perSecond = (count: number, seconds: number) => (seconds > 0 ? count / seconds : Number.NaN);
  const rounds = FLOOR_ROUNDS - 1;

  for (const [r, race] of races.entries()) {
    console.log(`candidate.book race ${r + 1}: ${CANDIDATES} candidates, ${SLOTS} slots, all at once -> ${race.booked} booked, ${race.taken} SLOT_TAKEN`);
    console.log(row(`  race ${r + 1} (all 50 answers)`, race.figures));
  }
  const raceP50 = median(races.map((race) => race.figures.p50Ms));
  const raceP99 = median(races.map((race) => race.figures.p99Ms));
  console.log(
    row(`candidate.book, median of ${RACES} races`, { count: CANDIDATES * RACES, errors: 0, p50Ms: raceP50, p99Ms: raceP99, perSecond: median(races.map((race) => race.figures.perSecond)) }),
  );
  console.log(
    row('floor: update refused by validator', { count: CANDIDATES * rounds, errors: 0, p50Ms: updateP50, p99Ms: updateP99, perSecond: perSecond(CANDIDATES * rounds, updateSeconds) }),
  );
  console.log(
    row('workflow query (state)', { count: CANDIDATES * rounds, errors: 0, p50Ms: queryP50, p99Ms: queryP99, perSecond: perSecond(CANDIDATES * rounds, querySeconds) }),
  );
  for (const p of asked.sort((a, b) => a.started - b.started)) {
    const what = p.refused ? 'a book task refused by its claim' : "a winner's book task";
    console.log(`  ${what}: started ${p.started.toFixed(0)} ms after the race began, completed ${p.completed.toFixed(0)} ms (${(p.completed - p.started).toFixed(0)} ms in the task)`);
  }
  console.log(`ratio (book / bare update): p50 ${(raceP50 / updateP50).toFixed(1)}x, p99 ${(raceP99 / updateP99).toFixed(1)}x (each race's p50: ${races.map((race) => `${(race.figures.p50Ms / updateP50).toFixed(1)}x`).join(', ')})`);
} finally {
  await portal.stop();
}
