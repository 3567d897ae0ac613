/**
 * A valid input for every tRPC procedure, with every optional string field filled in, so a walk
 * over their string fields reaches each one. Procedures without input map to `undefined`.
 */
export interface ProcedureIds {
  run: number;
  candidateToken: string;
  feedbackToken: string;
  interviewId: string;
  interviewerId: string;
  otherInterviewerId: string;
  userId: string;
}

const WEBHOOK_ENDPOINT_ID = 'whe_AAAAAAAAAAAAAAAAAAAA';

export interface ProcedureCall {
  kind: 'query' | 'mutation' | 'subscription';
  input: unknown;
}

export function everyProcedure(ids: ProcedureIds): Record<string, ProcedureCall> {
  const { run, candidateToken, feedbackToken, interviewId, interviewerId, userId } = ids;
  const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const later = new Date(Date.now() + 10 * 86_400_000).toISOString();
  const calendar = {
    interviewerId,
    serverUrl: 'http://127.0.0.1:9/dav/',
    username: 'grace',
    password: 'app-password-1',
  };
  const query = (input?: unknown): ProcedureCall => ({ kind: 'query', input });
  const mutation = (input?: unknown): ProcedureCall => ({ kind: 'mutation', input });
  const subscription = (input?: unknown): ProcedureCall => ({ kind: 'subscription', input });
  return {
    'candidate.view': query({ token: candidateToken }),
    'candidate.slots': query({ token: candidateToken }),
    'candidate.setLocale': mutation({ token: candidateToken, locale: 'de' }),
    'candidate.book': mutation({ token: candidateToken, start: soon, timezone: 'Europe/London' }),
    'candidate.reschedule': mutation({ token: candidateToken, start: soon, timezone: 'America/New_York' }),
    'candidate.cancel': mutation({ token: candidateToken, reason: 'I took another offer' }),
    'candidate.join': mutation({ token: candidateToken }),
    'candidate.live': subscription({ token: candidateToken, lastEventId: 'abc123.7' }),
    'candidate.loop': query({ token: candidateToken }),
    'candidate.interviews': query({ token: candidateToken }),
    'candidate.itineraries': query({ token: candidateToken, day: '2030-01-07', timezone: 'Europe/London' }),
    'candidate.bookItinerary': mutation({ token: candidateToken, itineraryId: 'kq0x2s00-kq0x3e00', timezone: 'Europe/London' }),
    'candidate.sessionTimes': query({ token: candidateToken, sessionId: interviewId, timezone: 'Europe/London' }),
    'candidate.moveSession': mutation({ token: candidateToken, sessionId: interviewId, start: soon, timezone: 'Europe/London' }),
    'candidate.cancelLoop': mutation({ token: candidateToken, reason: 'I took another offer' }),
    'candidate.submitAvailability': mutation({ token: candidateToken, windows: [{ start: soon.slice(0, 16), end: later.slice(0, 16) }], timezone: 'Europe/London', note: 'Mornings only.\nThanks.' }),
    'candidate.joinWaitlist': mutation({ token: candidateToken, before: later.slice(0, 10) }),
    'candidate.leaveWaitlist': mutation({ token: candidateToken }),
    'candidate.acceptHold': mutation({ token: candidateToken, holdId: `hold_${interviewId}_abc` }),
    'candidate.declineHold': mutation({ token: candidateToken, holdId: `hold_${interviewId}_abc` }),
    'feedback.view': query({ token: feedbackToken }),
    'feedback.submit': mutation({ token: feedbackToken, rating: 3, recommendation: 'YES', notes: 'Clear thinking.\nGood tests.' }),
    'feedback.update': mutation({ token: feedbackToken, rating: 2, recommendation: 'NO', notes: 'Second look' }),
    'interviewerAnswer.view': query({ token: feedbackToken }),
    'interviewerAnswer.answer': mutation({ token: feedbackToken, answer: 'decline', reason: 'Away that day.\nSorry.' }),
    'interviewerAnswer.calendar': query({ token: feedbackToken }),
    'interviewerAnswer.connectCalendar': mutation({ token: feedbackToken, provider: 'google' }),
    'hr.apiKeys.create': mutation({ name: `ATS sync ${run}`, scopes: ['read', 'write'] }),
    'hr.apiKeys.list': query(),
    'hr.teams.mine': query(),
    'hr.teams.switch': mutation({ team: 'default' }),
    'hr.teams.list': query(),
    'hr.teams.get': query({ id: 'default' }),
    'hr.teams.create': mutation({ id: `team-${run}`, name: `Team ${run}`, branding: { logoUrl: 'https://example.test/logo.png', colour: '#114488' } }),
    'hr.teams.update': mutation({ id: 'default', name: 'Hiring team' }),
    'hr.teams.setMember': mutation({ team: 'default', userId, role: 'hiring_manager', positions: ['Engineer'] }),
    'hr.apiKeys.revoke': mutation({ id: 'key_aaaaaaaaaaaaaaaaaaaa' }),
    'hr.auth.signIn': mutation({ email: 'admin@example.test', password: 'dev-admin-password' }),
    'hr.auth.signOut': mutation(),
    'hr.auth.me': query(),
    'hr.calendars.status': query({ interviewerId }),
    'hr.calendars.test': mutation(calendar),
    'hr.calendars.connect': mutation({ ...calendar, readCalendarUrl: 'http://127.0.0.1:9/dav/grace/busy/', writeCalendarUrl: 'http://127.0.0.1:9/dav/grace/interviews/' }),
    'hr.calendars.disconnect': mutation({ interviewerId }),
    'hr.calendars.connectGoogle': mutation({ interviewerId }),
    'hr.calendars.connectMicrosoft': mutation({ interviewerId }),
    'hr.calendars.startOwnGrant': mutation({ interviewerId, provider: 'microsoft' }),
    'hr.organisationCalendars.status': query(),
    // Refused before anything is stored: not a service account key, so Google is never asked.
    'hr.organisationCalendars.connectGoogle': mutation({ serviceAccountKey: '{"type":"service_account","client_email":"portal@project.iam.gserviceaccount.com"}', checkEmail: `grace.${run}@example.test` }),
    'hr.organisationCalendars.disconnectGoogle': mutation(),
    // Refused before Graph is asked: the shared portal's Microsoft connection is the environment's.
    'hr.organisationCalendars.connectMicrosoft': mutation({ tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-4333-8444-555555555555', clientSecret: 'portal~secret', checkEmail: `grace.${run}@example.test` }),
    'hr.organisationCalendars.disconnectMicrosoft': mutation(),
    'hr.kinds.list': query(),
    'hr.kinds.all': query(),
    'hr.kinds.get': query({ id: 'technical' }),
    'hr.kinds.create': mutation({ id: `every-${run}`, titles: { en: 'Every procedure' } }),
    // Left as it is: the shared portal's other files invite with it.
    'hr.kinds.edit': mutation({ id: 'technical', archived: false }),
    'hr.loops.templates': query(),
    'hr.loops.saveTemplate': mutation({
      id: `onsite-${run}`,
      name: 'Onsite',
      position: 'Backend Engineer',
      sessions: [
        { title: 'Coding', kind: 'technical', durationMinutes: 60, interviewerIds: [interviewerId], panelSize: 1 },
        { title: 'Design', kind: 'technical', durationMinutes: 60, interviewerIds: [ids.otherInterviewerId], panelSize: 1 },
      ],
      rules: { order: 'fixed', minBreakMinutes: 0, maxBreakMinutes: 30, days: 1, maxSessionsPerDay: 4 },
    }),
    'hr.loops.removeTemplate': mutation({ id: `onsite-${run}` }),
    'hr.loops.invite': mutation({
      candidateName: 'Ada Lovelace',
      candidateEmail: `ada.loop.${run}@example.test`,
      candidateTimezone: 'Europe/London',
      position: 'Loop Engineer',
      sessions: [
        { title: 'Coding', kind: 'technical', durationMinutes: 60, interviewerIds: [interviewerId], panelSize: 1 },
        { title: 'Design', kind: 'technical', durationMinutes: 60, interviewerIds: [ids.otherInterviewerId], panelSize: 1 },
      ],
      rules: { order: 'free', minBreakMinutes: 0, maxBreakMinutes: 30, days: 1, maxSessionsPerDay: 4 },
    }),
    'hr.loops.ofInterview': query({ interviewId }),
    // An interview's id names no loop: the call is refused NOT_FOUND after its guards.
    'hr.loops.get': query({ loopId: interviewId }),
    'hr.loops.cancel': mutation({ loopId: interviewId, reason: 'The position was filled.\nThank you.' }),
    'hr.loops.moveTimes': query({ loopId: interviewId, sessionId: interviewId }),
    'hr.loops.moveSession': mutation({ loopId: interviewId, sessionId: interviewId, start: soon, reason: 'The panel asked.\nThank you.' }),
    // The values the test portal runs on (tests/support/portal-under-test.ts), so a file sharing its portal sees no change.
    'hr.kinds.update': mutation({ kind: 'screening', minNoticeMinutes: 0, horizonDays: 21, changeCutoffMinutes: 0 }),
    'hr.interviewers.list': query(),
    'hr.interviewers.upsert': mutation({
      id: interviewerId,
      name: 'Grace Hopper',
      email: `grace.${run}@example.test`,
      timezone: 'Europe/London',
      weekly: [{ weekday: 1, ranges: [{ start: '09:00', end: '17:00' }] }],
      overrides: [{ date: '2030-01-07', ranges: [{ start: '10:00', end: '12:00' }] }],
      timeOff: [{ start: soon, end: later }],
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      maxPerDay: 4,
      active: true,
    }),
    'hr.interviews.invite': mutation({
      candidateName: 'Ada Lovelace',
      candidateEmail: `ada.${run}@example.test`,
      candidateTimezone: 'Europe/London',
      position: 'Backend Engineer',
      kind: 'panel',
      interviewerIds: [interviewerId, ids.otherInterviewerId],
      panelSize: 2,
    }),
    'hr.interviews.list': query({ status: 'SCHEDULED', outcome: 'PENDING', waiting: 'waitlist', position: 'Backend Engineer', from: soon, to: later, search: 'ada', page: '1', pageSize: 20 }),
    'hr.interviews.get': query({ interviewId }),
    'hr.interviews.live': subscription({ interviewId, lastEventId: 'abc123.7' }),
    'hr.interviews.setOutcome': mutation({ interviewId, outcome: 'PASSED', confirmMissingFeedback: false }),
    'hr.interviews.approveRetake': mutation({ interviewId }),
    'hr.interviews.resendInvitation': mutation({ interviewId }),
    'hr.interviews.candidateLink': query({ interviewId }),
    'hr.interviews.cancel': mutation({ interviewId, reason: 'Asked by phone' }),
    'hr.interviews.slots': query({ interviewId }),
    'hr.interviews.reschedule': mutation({ interviewId, start: soon, reason: 'Asked by phone' }),
    'hr.interviews.markAttendance': mutation({ interviewId, attended: true }),
    'hr.interviews.record': query({ interviewId }),
    'hr.interviews.changes': query({ status: 'INVITED', updatedSince: soon, cursor: 'WzAsImEiXQ', limit: 10 }),
    'hr.users.list': query(),
    'hr.privacy.erase': mutation({ email: `erased.${run}@example.test`, notify: false }),
    'hr.privacy.export': query({ email: `erased.${run}@example.test` }),
    'hr.privacy.retention': query(),
    'hr.privacy.retentionReport': query(),
    'hr.privacy.setRetention': mutation({ personalDataDays: 180 }),
    'hr.users.create': mutation({ email: `created.${run}@example.test`, role: 'hr', password: 'a-long-enough-password' }),
    'hr.users.setDisabled': mutation({ userId, disabled: true }),
    'hr.users.resetPassword': mutation({ userId, password: 'another-long-password' }),
    'hr.users.setRole': mutation({ userId, role: 'admin' }),
    // Refused input never reaches the store, so these ids need not exist.
    'hr.webhooks.create': mutation({ url: 'https://ats.example.test/hooks/portal', events: ['interview.booked', 'interview.cancelled'], description: 'ATS sync' }),
    'hr.webhooks.list': query(),
    'hr.webhooks.get': query({ id: WEBHOOK_ENDPOINT_ID }),
    'hr.webhooks.update': mutation({ id: WEBHOOK_ENDPOINT_ID, url: 'https://ats.example.test/hooks/other', events: ['interview.booked'], description: 'ATS sync', enabled: false }),
    'hr.webhooks.remove': mutation({ id: WEBHOOK_ENDPOINT_ID }),
    'hr.webhooks.test': mutation({ id: WEBHOOK_ENDPOINT_ID }),
    'hr.webhooks.deliveries': query({ id: WEBHOOK_ENDPOINT_ID, cursor: '50' }),
    'hr.webhooks.redeliver': mutation({ deliveryId: `dlv_${WEBHOOK_ENDPOINT_ID}_evt_test_1` }),
  };
}

/** The path of every string in a JSON value: ['weekly', 0, 'ranges', 0, 'start'], … */
export function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...path, index]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  return [];
}

/** A copy of `value` with `insert` put into the string at `path`, at `position` (0 start, 1 middle, 2 end). */
export function withInserted(value: unknown, path: (string | number)[], insert: string, position: 0 | 1 | 2): unknown {
  if (path.length === 0) {
    const text = value as string;
    const at = position === 0 ? 0 : position === 1 ? Math.floor(text.length / 2) : text.length;
    return text.slice(0, at) + insert + text.slice(at);
  }
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? withInserted(item, rest, insert, position) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: withInserted(record[head], rest, insert, position) };
}
