import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@portal/db';
import { dataDir } from './paths';
import { seedYear, waitForListFold } from './year-of-data';

/**
 * `pnpm seed:year`: a year of past interviews into the running portal's database (the one
 * `.data/portal-ready.json` names, or MONGO_URL): YEAR_INTERVIEWS (200,000) interviews with loops,
 * retakes, scorecards, messages and audit lines, over YEAR_INTERVIEWERS (2,000) interviewers. After
 * every 25,000 it waits for the portal's fold Schedule to take them into HR's list counts
 * (YEAR_FOLD_MINUTES each). Run it again and it writes nothing twice.
 */
function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 2_000_000) {
    console.error(`${name} must be a whole number from 1 to 2,000,000; it is "${raw}".`);
    process.exit(2);
  }
  return value;
}

function databaseUrl(): string {
  if (process.env.MONGO_URL) return process.env.MONGO_URL;
  const ready = join(dataDir, 'portal-ready.json');
  if (!existsSync(ready)) {
    console.error(`No running portal: ${ready} does not exist. Start it (bash scripts/start.sh) or set MONGO_URL.`);
    process.exit(2);
  }
  return (JSON.parse(readFileSync(ready, 'utf8')) as { mongoUrl: string }).mongoUrl;
}

const interviews = count('YEAR_INTERVIEWS', 200_000);
const interviewers = count('YEAR_INTERVIEWERS', 2_000);
const say = (line: string) => console.log(`[seed:year] ${line}`);
const db = await openDatabase(databaseUrl());
try {
  say(`writing ${interviews} past interviews over ${interviewers} interviewers`);
  const foldLimitMs = Number(process.env.YEAR_FOLD_MINUTES ?? 20) * 60_000;
  const untilFolded = async () => {
    const fold = await waitForListFold(db, foldLimitMs, say);
    if ('pending' in fold) throw new Error(`${fold.pending} list moves still wait for the fold Schedule after ${foldLimitMs / 60_000} minutes: is the portal's workflows service running?`);
  };
  const written = await seedYear(db, { interviews, interviewers, say, untilFolded });
  say(
    `wrote ${written.interviews} interviews (${written.loops} loops, ${written.retakes} retakes), ${written.scorecards} scorecards, ` +
      `${written.messages} messages, ${written.auditEvents} audit lines and ${written.interviewers} interviewers in ${written.seconds.toFixed(0)} s ` +
      '(what an earlier run wrote is not written again)',
  );
  say("HR's list counts hold them: the portal's fold Schedule took every one");
} finally {
  await db.close();
}
