/** Every HR procedure with the least role that may call it: the README's access matrix, as data. */
export interface HrCall {
  kind: 'query' | 'mutation';
  path: string;
  input?: unknown;
  /** `hr`: every signed-in HR user; `admin`: admins only. */
  role: 'hr' | 'admin';
}

export interface HrCallIds {
  run: number;
  interviewId: string;
  interviewerId: string;
  /** An HR user the admin procedures act on (never the caller). */
  targetUserId: string;
}

export function hrProcedures({ run, interviewId, interviewerId, targetUserId }: HrCallIds): HrCall[] {
  const interviewer = {
    name: 'Intruder Interviewer',
    email: `intruder.${run}@example.test`,
    timezone: 'UTC',
    weekly: [{ weekday: 1, ranges: [{ start: '09:00', end: '17:00' }] }],
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    maxPerDay: 4,
    active: true,
  };
  const invitation = {
    candidateName: 'Mallory',
    candidateEmail: `mallory.${run}@example.test`,
    candidateTimezone: 'UTC',
    position: 'Backend Engineer',
    kind: 'technical',
    interviewerIds: [interviewerId],
  };
  const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
  return [
    { kind: 'query', path: 'hr.interviewers.list', role: 'hr' },
    { kind: 'mutation', path: 'hr.interviewers.upsert', input: interviewer, role: 'admin' },
    { kind: 'mutation', path: 'hr.interviewers.upsert', input: { ...interviewer, id: interviewerId, active: false }, role: 'admin' },
    { kind: 'query', path: 'hr.organisationCalendars.status', role: 'hr' },
    { kind: 'mutation', path: 'hr.organisationCalendars.connectGoogle', input: { serviceAccountKey: '{"type":"service_account"}', checkEmail: `intruder.${run}@example.test` }, role: 'admin' },
    {
      kind: 'mutation',
      path: 'hr.organisationCalendars.connectMicrosoft',
      input: { tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-4333-8444-555555555555', clientSecret: 'intruder~secret', checkEmail: `intruder.${run}@example.test` },
      role: 'admin',
    },
    { kind: 'mutation', path: 'hr.organisationCalendars.disconnectMicrosoft', role: 'admin' },
    { kind: 'mutation', path: 'hr.calendars.connectGoogle', input: { interviewerId }, role: 'admin' },
    { kind: 'mutation', path: 'hr.calendars.connectMicrosoft', input: { interviewerId }, role: 'admin' },
    { kind: 'mutation', path: 'hr.calendars.startOwnGrant', input: { interviewerId, provider: 'google' }, role: 'admin' },
    { kind: 'query', path: 'hr.kinds.list', role: 'hr' },
    { kind: 'mutation', path: 'hr.kinds.update', input: { kind: 'screening', minNoticeMinutes: 60, horizonDays: 14, changeCutoffMinutes: 30 }, role: 'admin' },
    { kind: 'query', path: 'hr.kinds.all', role: 'hr' },
    { kind: 'query', path: 'hr.kinds.get', input: { id: 'technical' }, role: 'hr' },
    { kind: 'mutation', path: 'hr.kinds.create', input: { id: `intruder-${run}`, titles: { en: 'Intruder round' } }, role: 'admin' },
    { kind: 'mutation', path: 'hr.kinds.edit', input: { id: 'technical', archived: true }, role: 'admin' },
    { kind: 'mutation', path: 'hr.interviews.invite', input: invitation, role: 'hr' },
    { kind: 'query', path: 'hr.loops.templates', role: 'hr' },
    {
      kind: 'mutation',
      path: 'hr.loops.saveTemplate',
      input: {
        id: `intruder-${run}`,
        name: 'Intruder loop',
        position: 'Backend Engineer',
        sessions: [
          { kind: 'technical', interviewerIds: [interviewerId] },
          { kind: 'technical', interviewerIds: [interviewerId] },
        ],
        rules: {},
      },
      role: 'admin',
    },
    { kind: 'mutation', path: 'hr.loops.removeTemplate', input: { id: `intruder-${run}` }, role: 'admin' },
    { kind: 'query', path: 'hr.loops.ofInterview', input: { interviewId }, role: 'hr' },
    { kind: 'query', path: 'hr.loops.get', input: { loopId: interviewId }, role: 'hr' },
    { kind: 'mutation', path: 'hr.loops.cancel', input: { loopId: interviewId, reason: 'Intruder' }, role: 'hr' },
    { kind: 'query', path: 'hr.interviews.list', input: {}, role: 'hr' },
    { kind: 'query', path: 'hr.interviews.get', input: { interviewId }, role: 'hr' },
    { kind: 'mutation', path: 'hr.interviews.setOutcome', input: { interviewId, outcome: 'PASSED' }, role: 'hr' },
    { kind: 'mutation', path: 'hr.interviews.approveRetake', input: { interviewId }, role: 'hr' },
    { kind: 'mutation', path: 'hr.interviews.resendInvitation', input: { interviewId }, role: 'hr' },
    { kind: 'query', path: 'hr.interviews.candidateLink', input: { interviewId }, role: 'hr' },
    { kind: 'query', path: 'hr.interviews.slots', input: { interviewId }, role: 'hr' },
    { kind: 'mutation', path: 'hr.interviews.reschedule', input: { interviewId, start: soon, reason: 'Asked by phone' }, role: 'hr' },
    { kind: 'mutation', path: 'hr.interviews.markAttendance', input: { interviewId, attended: true }, role: 'hr' },
    { kind: 'mutation', path: 'hr.interviews.cancel', input: { interviewId, reason: 'Asked by phone' }, role: 'hr' },
    { kind: 'query', path: 'hr.interviews.record', input: { interviewId }, role: 'hr' },
    { kind: 'query', path: 'hr.interviews.changes', input: {}, role: 'hr' },
    { kind: 'query', path: 'hr.teams.mine', role: 'hr' },
    { kind: 'mutation', path: 'hr.teams.switch', input: { team: 'default' }, role: 'hr' },
    // The owner's (the first admin is the deployment's owner).
    { kind: 'query', path: 'hr.teams.list', role: 'admin' },
    { kind: 'query', path: 'hr.teams.get', input: { id: 'default' }, role: 'admin' },
    { kind: 'mutation', path: 'hr.teams.create', input: { id: `intruders-${run}`, name: 'Intruders' }, role: 'admin' },
    { kind: 'mutation', path: 'hr.teams.update', input: { id: 'default', name: 'Hiring team' }, role: 'admin' },
    { kind: 'mutation', path: 'hr.teams.setMember', input: { team: 'default', userId: targetUserId, role: 'recruiter' }, role: 'admin' },
    { kind: 'query', path: 'hr.apiKeys.list', role: 'admin' },
    { kind: 'mutation', path: 'hr.apiKeys.create', input: { name: `Intruder key ${run}`, scopes: ['read', 'write'] }, role: 'admin' },
    { kind: 'mutation', path: 'hr.apiKeys.revoke', input: { id: 'key_aaaaaaaaaaaaaaaaaaaa' }, role: 'admin' },
    { kind: 'query', path: 'hr.users.list', role: 'admin' },
    {
      kind: 'mutation',
      path: 'hr.users.create',
      input: { email: `created.${run}@example.test`, role: 'hr', password: 'a-long-enough-password' },
      role: 'admin',
    },
    { kind: 'mutation', path: 'hr.users.setRole', input: { userId: targetUserId, role: 'admin' }, role: 'admin' },
    { kind: 'mutation', path: 'hr.users.setDisabled', input: { userId: targetUserId, disabled: true }, role: 'admin' },
    { kind: 'mutation', path: 'hr.users.resetPassword', input: { userId: targetUserId, password: 'another-long-password' }, role: 'admin' },
    { kind: 'query', path: 'hr.webhooks.list', role: 'admin' },
    { kind: 'mutation', path: 'hr.webhooks.create', input: { url: `https://ats.example.test/hooks/${run}`, events: ['interview.booked'] }, role: 'admin' },
    { kind: 'mutation', path: 'hr.privacy.erase', input: { email: `nobody.${run}@example.test`, notify: false }, role: 'admin' },
    { kind: 'query', path: 'hr.privacy.export', input: { email: `nobody.${run}@example.test` }, role: 'admin' },
    { kind: 'query', path: 'hr.privacy.retention', role: 'admin' },
    { kind: 'mutation', path: 'hr.privacy.setRetention', input: { personalDataDays: 180 }, role: 'admin' },
    { kind: 'query', path: 'hr.privacy.retentionReport', role: 'admin' },
    // Last: it ends the caller's session.
    { kind: 'mutation', path: 'hr.auth.signOut', role: 'hr' },
  ];
}

/** Procedures under `hr.` that need no session: signing in, and asking who is signed in. */
export const PUBLIC_HR_PROCEDURES = ['hr.auth.signIn', 'hr.auth.me'];
