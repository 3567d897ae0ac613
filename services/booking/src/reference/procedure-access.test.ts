import { describe, expect, it } from 'vitest';
import { accessCodeOf, procedurePaths } from './procedure-callers';

/** Under `hr.`, only these need no session. */
const PUBLIC = new Set(['hr.auth.signIn', 'hr.auth.me']);
/** Admin-only: managing HR users, changing interviewers (their calendars too) and the organisation's calendar connections, kinds' settings, loop templates and candidate data (erasure, export, retention). Everything else under `hr.` is for every HR user. */
const ADMIN_CALENDAR = new Set(['hr.calendars.test', 'hr.calendars.connect', 'hr.calendars.connectGoogle', 'hr.calendars.connectMicrosoft', 'hr.calendars.startOwnGrant', 'hr.calendars.disconnect', 'hr.organisationCalendars.connectGoogle', 'hr.organisationCalendars.disconnectGoogle', 'hr.organisationCalendars.connectMicrosoft', 'hr.organisationCalendars.disconnectMicrosoft']);
const adminOnly = (path: string) =>
  path.startsWith('hr.users.') || path.startsWith('hr.apiKeys.') || path.startsWith('hr.webhooks.') || path.startsWith('hr.privacy.') || path === 'hr.interviewers.upsert' || path === 'hr.kinds.update' || path === 'hr.kinds.create' || path === 'hr.kinds.edit' || path === 'hr.loops.saveTemplate' || path === 'hr.loops.removeTemplate' || ADMIN_CALENDAR.has(path);

const hrPaths = procedurePaths().filter((path) => path.startsWith('hr.'));

describe('every HR procedure is built on hrProcedure or adminProcedure', () => {
  it('finds the HR procedures to check', () => {
    expect(hrPaths).toContain('hr.users.create');
    expect(hrPaths).toContain('hr.interviews.invite');
  });

  it.each(hrPaths.filter((path) => !PUBLIC.has(path)))('%s refuses a caller without a session', async (path) => {
    expect(await accessCodeOf(path, null)).toBe('UNAUTHORIZED');
  });

  it.each(hrPaths.filter((path) => !PUBLIC.has(path)))('%s answers an hr session by the access matrix', async (path) => {
    expect(await accessCodeOf(path, 'hr')).toBe(adminOnly(path) ? 'FORBIDDEN' : 'ran');
  });

  it.each(hrPaths.filter((path) => !PUBLIC.has(path)))('%s lets an admin session through', async (path) => {
    expect(await accessCodeOf(path, 'admin')).toBe('ran');
  });
});
