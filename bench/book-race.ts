import { Connection } from '@temporalio/client';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { ApiError } from '../tests/support/api-client';
import { portalTemporalClient } from '../tests/support/temporal-client';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin, spacedStarts } from '../tests/support/fixtures';
import { startBenchPortal } from './harness';
import { burst, row } from './measure';

const CANDIDATES = 50;
const SLOTS = 5;
const FLOOR_ROUNDS = 5;

const portal = await startBenchPortal('race', { MIN_NOTICE_MINUTES: '0', SLOT_STEP_MINUTES: '5' });
try {
  const hr = await signInAsAdmin(portal.api);
  const interviewer = await alwaysAvailableInterviewer(hr, 'Race Interviewer');
  const candidates: { interviewId: string; token: string }[] = [];
  for (let batch = 0; batch < CANDIDATES / 10; batch += 1) {
    const invited = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        inviteAndReadLink(hr, portal.sinkUrl, { name: `Racer ${batch * 10 + i}`, email: `racer.${batch * 10 + i}@example.test` }, [
          interviewer.id,
        ]),
      ),
    );
    candidates.push(...invited);
  }

  const first = candidates[0];
  if (!first) throw new Error('no candidates');
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: first.token });
  // Two hours apart and an hour ahead: the five never overlap and none is in the past when the race starts.
  const targets = spacedStarts(slots, SLOTS, 60 * 60_000, 2 * 60 * 60_000);

  const raceStarted = Date.now();
  const race = await burst(
    candidates.map((candidate, i) => () => portal.api.mutation('candidate.book', { token: candidate.token, start: targets[i % SLOTS] })),
  );
  const booked = race.results.filter((r) => r.status === 'fulfilled').length;
  const taken = race.results.filter(
    (r) => r.status === 'rejected' && r.reason instanceof ApiError && r.reason.domainCode === 'SLOT_TAKEN',
  ).length;

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
  // Where a winner's time went: its book update's workflow task (started, completed) after the race began.
  const phases = await Promise.all(handles.map(async (handle) => {
    const events = (await handle.fetchHistory()).events ?? [];
    const at = (e: (typeof events)[number] | undefined) => (e?.eventTime ? Number(e.eventTime.seconds) * 1000 + (e.eventTime.nanos ?? 0) / 1e6 - raceStarted : undefined);
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

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const updateP50 = median(updates.filter((_, i) => i % 2 === 0));
  const updateP99 = median(updates.filter((_, i) => i % 2 === 1));
  const queryP50 = median(queries.filter((_, i) => i % 2 === 0));
  const queryP99 = median(queries.filter((_, i) => i % 2 === 1));
  const perSecond = (count: number, seconds: number) => (seconds > 0 ? count / seconds : Number.NaN);
  const rounds = FLOOR_ROUNDS - 1;

  console.log(`candidate.book race: ${CANDIDATES} candidates, ${SLOTS} slots, all at once -> ${booked} booked, ${taken} SLOT_TAKEN`);
  console.log(row('candidate.book (all 50 answers)', race.figures));
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
  console.log(`ratio (book / bare update): p50 ${(race.figures.p50Ms / updateP50).toFixed(1)}x, p99 ${(race.figures.p99Ms / updateP99).toFixed(1)}x`);
} finally {
  await portal.stop();
}
