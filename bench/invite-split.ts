/**
 * Where HR's invite spends its time: invites at the bench's concurrency with the workers running
 * (each start's first workflow task, link and invitation email compete for the same cores), then
 * with the workflows and notifications workers stopped (the invite alone: session, pool read,
 * lock, list count, document, audit row and workflow start), each beside bare workflow starts
 * measured just before it on the same server. Printed, never asserted.
 *
 *   node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/invite-split.ts   # BENCH_INVITES=400
 */
import { Connection } from '@temporalio/client';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { alwaysAvailableInterviewer, signInAsAdmin } from '@portal/system-tests/fixtures';
import { startBenchPortal } from './harness';
import { bareStartsPerSecond, inPool } from './measure';

const INVITES = Number(process.env.BENCH_INVITES ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const log = (line: string) => console.error(`[bench] ${line}`);

const portal = await startBenchPortal('invites');
try {
  const hr = await signInAsAdmin(portal.api);
  const interviewers = await inPool(Array.from({ length: 20 }, (_, i) => i), CONCURRENCY, (i) => alwaysAvailableInterviewer(hr, `Invite Interviewer ${i}`));
  const connection = await Connection.connect({ address: portal.temporalAddress });
  const client = portalTemporalClient(connection);
  /** Invites/s of INVITES new candidates at CONCURRENCY, `phase` keeping their addresses apart. */
  const invitesPerSecond = async (phase: string) => {
    const started = Date.now();
    await inPool(Array.from({ length: INVITES }, (_, i) => i), CONCURRENCY, (i) =>
      hr.mutation('hr.interviews.invite', {
        candidateName: `Invite Candidate ${phase} ${i}`,
        candidateEmail: `invite.${phase}.${i}@example.test`,
        candidateTimezone: 'Europe/London',
        position: 'Backend Engineer',
        kind: 'technical',
        interviewerIds: [interviewers[i % interviewers.length]?.id],
      }),
    );
    return INVITES / ((Date.now() - started) / 1000);
  };
  const rows: string[] = [];
  const phase = async (name: string, label: string) => {
    const floor = await bareStartsPerSecond(client, INVITES, CONCURRENCY, name);
    const rate = await invitesPerSecond(name);
    log(`${label}: ${rate.toFixed(1)} invites/s, bare starts ${floor.toFixed(1)}/s`);
    rows.push(`${label.padEnd(22)}${rate.toFixed(1).padStart(6)} /s   floor ${floor.toFixed(1).padStart(6)} /s bare starts   ${((100 * rate) / floor).toFixed(1)}%`);
  };
  await phase('running', 'workers running');
  await Promise.all([portal.kill('workflows'), portal.kill('notifications')]);
  await phase('stopped', 'workers stopped');
  await connection.close();
  console.log(`
invites               ${INVITES} per phase, ${CONCURRENCY} HR clients; each phase beside bare workflow starts just before it
${rows.join('\n')}`);
} finally {
  await portal.stop();
}
