import mongoose from 'mongoose';
import { inviteAndReadLink, signInAsAdmin } from '@portal/system-tests/fixtures';
import { startBenchPortal } from './harness';
import { closedLoop, row } from './measure';
import { officeHours } from '@portal/devstack/year-of-data';

const INTERVIEWERS = 20;
const CLIENTS = 50;
const DURATION_MS = 10_000;
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'America/Los_Angeles'];

const portal = await startBenchPortal('slots');
try {
  const hr = await signInAsAdmin(portal.api);
  const ids: string[] = [];
  for (let i = 0; i < INTERVIEWERS; i += 1) {
    const { id } = await hr.mutation<{ id: string }>('hr.interviewers.upsert', {
      name: `Bench Interviewer ${i}`,
      email: `bench.interviewer.${i}@example.test`,
      ...officeHours(ZONES[i % ZONES.length] ?? 'UTC'),
    });
    ids.push(id);
  }
  const candidate = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Bench Candidate', email: 'bench.candidate@example.test' }, ids);

  // Some of the pool's time is already booked, so listing subtracts real claims.
  const { slots: offered } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: candidate.token });
  for (let i = 0; i < 10; i += 1) {
    const other = await inviteAndReadLink(hr, portal.sinkUrl, { name: `Booked ${i}`, email: `bench.booked.${i}@example.test` }, ids);
    const start = offered[i * 37]?.start;
    if (start) await portal.api.mutation('candidate.book', { token: other.token, start });
  }

  const connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
  const db = connection.db;
  if (db === undefined) throw new Error('no database handle');
  const interviewers = db.collection<{ _id: string }>('interviewers');
  const interviews = db.collection<{ _id: string }>('interviews');
  // The two reads listSlots makes (services/booking/src/slots/slot-listing.ts), with its filters and projection.
  const floorReads = () =>
    Promise.all([
      interviewers.find({ _id: { $in: ids }, active: true }).toArray(),
      interviews
        .find({ 'slot.interviewerId': { $in: ids }, status: { $in: ['SCHEDULED', 'IN_PROGRESS'] } }, { projection: { slot: 1 } })
        .toArray(),
    ]);

  const listOnce = () => portal.api.query<{ slots: unknown[] }>('candidate.slots', { token: candidate.token });
  const { slots } = await listOnce();
  await closedLoop(CLIENTS, 1_000, listOnce);
  const api = await closedLoop(CLIENTS, DURATION_MS, listOnce);
  await closedLoop(CLIENTS, 1_000, floorReads);
  const floor = await closedLoop(CLIENTS, DURATION_MS, floorReads);
  await connection.close();

  console.log(`candidate.slots: ${INTERVIEWERS} interviewers in ${ZONES.length} zones, 21-day horizon, ${slots.length} slots offered, ${CLIENTS} concurrent clients, ${DURATION_MS / 1000} s each`);
  console.log(row('candidate.slots over HTTP', api));
  console.log(row('floor: the two find() reads', floor));
  console.log(`ratio (api / floor): p50 ${(api.p50Ms / floor.p50Ms).toFixed(1)}x, p99 ${(api.p99Ms / floor.p99Ms).toFixed(1)}x, throughput ${(floor.perSecond / api.perSecond).toFixed(1)}x lower`);
} finally {
  await portal.stop();
}
