import { insertOnce } from '@portal/db';
import { activeLockKey, type InterviewerDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { ensureFirstAdmin } from './auth/hr-users';
import { createDeps } from './deps';
import { loadEnv } from './core/env';
import { inviteCandidate } from './invitations/invite';
import { connectDemoCalendar, connectDemoGoogleCalendar, connectDemoMicrosoftCalendar } from './calendars/seed-calendar';
import { createKind } from './kinds/kinds';

/**
 * Demo data for `scripts/start.sh`, safe to run again: three interviewers (Grace Hopper's calendar on
 * the local Radicale, Alan Turing's on the Google Calendar stand-in, Katherine Johnson's on the
 * Microsoft Graph stand-in), a kind of HR's own with a scorecard kit beside the three seeded ones,
 * and one invited candidate. Prints the candidate's link as `DEMO_LINK=<url>`.
 */
const env = loadEnv();
const deps = await createDeps(env);
const weekdays = [1, 2, 3, 4, 5] as const;

function interviewer(id: string, name: string, timezone: string): InterviewerDocument {
  return {
    _id: id,
    name,
    email: `${id}@example.test`,
    timezone,
    weekly: weekdays.map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '17:00' }] })),
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 10,
    maxPerDay: 4,
    active: true,
    updatedAt: new Date(),
  };
}

try {
  await ensureFirstAdmin(deps.db, env.HR_ADMIN_EMAIL, env.HR_ADMIN_PASSWORD);
  const demoInterviewers = [
    interviewer('demo-grace', 'Grace Hopper', 'Europe/London'),
    interviewer('demo-alan', 'Alan Turing', 'America/New_York'),
    interviewer('demo-katherine', 'Katherine Johnson', 'Europe/Berlin'),
  ];
  for (const doc of demoInterviewers) {
    // A plain insert, not an upsert with $setOnInsert: FerretDB v1 drops empty arrays from those.
    await insertOnce(() => deps.db.interviewers.create(doc));
  }
  await connectDemoCalendar(deps, 'demo-grace');
  await connectDemoGoogleCalendar(deps, 'demo-alan');
  await connectDemoMicrosoftCalendar(deps, 'demo-katherine');
  // A kind HR made, with its kit: what /hr/kinds, an invitation and a scorecard look like with one.
  await createKind(
    deps.db,
    {
      id: 'system-design',
      titles: { en: 'System design interview', de: 'Systementwurf-Interview', fr: 'entretien de conception de système' },
      durationMinutes: 60,
      panelSize: 2,
      // The panel writes up the design after it: 20 minutes free after each, beyond anyone's own 10.
      bufferAfterMinutes: 20,
      kit: {
        scale: 4,
        questions: [
          { id: 'architecture', type: 'rating', required: true, prompt: { en: 'Architecture: boundaries, data flow, failure' }, guidance: { en: 'Did the design hold up when a part failed or the load grew tenfold?' } },
          { id: 'trade_offs', type: 'longtext', required: true, prompt: { en: 'Trade-offs the candidate named and weighed' } },
          { id: 'would_hire', type: 'yesno', required: false, prompt: { en: 'Would you want them on your team?' } },
        ],
      },
    },
    'seed',
  ).catch((error: unknown) => {
    if (!(error instanceof DomainError && error.code === 'ALREADY_EXISTS')) throw error;
  });
  const candidate = { candidateName: 'Ada Lovelace', candidateEmail: 'ada@example.test', position: 'Backend Engineer' };
  try {
    await inviteCandidate(
      deps,
      { ...candidate, candidateTimezone: 'Europe/Paris', kind: 'technical', interviewerIds: demoInterviewers.map((d) => d._id) },
      'seed',
    );
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'ALREADY_EXISTS')) throw error;
  }
  const lock = await deps.db.activeLocks.findById(activeLockKey(candidate.candidateEmail, candidate.position)).lean();
  if (lock) {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const link = await deps.lifecycle.candidateLink(lock.interviewId);
      if (link) {
        console.log(`DEMO_LINK=${link}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
} finally {
  await deps.close();
}
