import { Connection } from '@temporalio/client';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin } from '@portal/system-tests/fixtures';
import { startBenchPortal } from './harness';
import { burst, row } from './measure';

/**
 * Bookings arriving at once on one pool, each at its own time (nobody is refused): what fair
 * assignment costs a burst, beside the same bare workflow update the booking bench reads against
 * (docs/adr/0016). `BENCH_FAIR=30x3` (default) books 30 single interviews on a pool of three,
 * `20x4p` 20 panels of two on a pool of four.
 */
const spec = /^(\d+)x(\d+)(p?)$/.exec(process.env.BENCH_FAIR ?? '30x3');
if (!spec) throw new Error('BENCH_FAIR is <bookings>x<pool>, with p for panels of two: 30x3, 20x4p');
const count = Number(spec[1]);
const poolSize = Number(spec[2]);
const kind = spec[3] === 'p' ? 'panel' : 'technical';
const HOUR = 3_600_000;
const weekOf = (at: number) => Math.floor((Math.floor(at / (24 * HOUR)) + 3) / 7);

const portal = await startBenchPortal('fair', { MIN_NOTICE_MINUTES: '0', SLOT_STEP_MINUTES: '1', INTERVIEW_DURATION_MINUTES: '1' });
try {
  const hr = await signInAsAdmin(portal.api);
  const pool: string[] = [];
  for (let i = 0; i < poolSize; i += 1) pool.push((await alwaysAvailableInterviewer(hr, `Fair ${i}`)).id);
  const invited: { interviewId: string; token: string }[] = [];
  for (let from = 0; from < count; from += 10) {
    const batch = Array.from({ length: Math.min(10, count - from) }, (_, i) =>
      inviteAndReadLink(hr, portal.sinkUrl, { name: `Fair ${from + i}`, email: `fair.${from + i}@example.test` }, pool, 'Data Analyst', { kind }),
    );
    invited.push(...(await Promise.all(batch)));
  }
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: invited[0]?.token });
  // Ten minutes apart, an hour ahead, one week: everyone is free at every one, and fairness counts by week.
  const ahead = slots.map((s) => s.start).filter((s) => Date.parse(s) > Date.now() + HOUR && new Date(s).getUTCMinutes() % 10 === 0);
  const starts = [...new Set(ahead.map((s) => weekOf(Date.parse(s))))]
    .map((week) => ahead.filter((s) => weekOf(Date.parse(s)) === week))
    .find((inWeek) => inWeek.length >= count);
  if (!starts) throw new Error('not enough starts in one week');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const booked = await burst(invited.map((c, i) => () => portal.api.mutation('candidate.book', { token: c.token, start: starts[i] })));
  const refused = booked.results.filter((r) => r.status === 'rejected').length;

  const connection = await Connection.connect({ address: portal.temporalAddress });
  const client = portalTemporalClient(connection);
  const handles = invited.map((c) => client.workflow.getHandle(interviewWorkflowId(c.interviewId)));
  const floors: number[] = [];
  for (let round = 0; round < 4; round += 1) {
    // `join` refused by its validator (the window is not open): an update round trip that does no work.
    const update = await burst(handles.map((handle) => () => handle.executeUpdate('join')));
    if (round > 0) floors.push(update.figures.p50Ms);
  }
  await connection.close();
  const floor = [...floors].sort((a, b) => a - b)[Math.floor(floors.length / 2)] ?? Number.NaN;

  const listed = await hr.query<{ id: string; bookedNext14Days: number }[]>('hr.interviewers.list');
  const seats = pool.map((id) => listed.find((i) => i.id === id)?.bookedNext14Days ?? 0);
  console.log(`${count} ${kind} bookings at once on a pool of ${poolSize}, each at its own time -> ${count - refused} booked, ${refused} refused; split ${seats.join('/')}`);
  console.log(row('candidate.book burst', booked.figures));
  console.log(`floor: update refused by validator p50 ${floor.toFixed(1)} ms; ratio (book / bare update) p50 ${(booked.figures.p50Ms / floor).toFixed(1)}x`);
} finally {
  await portal.stop();
}
