import { describe, expect, it } from 'vitest';
import { consoleAccess, pageOpenTo } from './role-access';

const hiringManager = consoleAccess({ role: 'hiring_manager', owner: false });
const recruiter = consoleAccess({ role: 'recruiter', owner: false });
const owner = consoleAccess({ role: 'admin', owner: true });

describe('the console pages a role may use', () => {
  it('a hiring manager has the interviews list, an interview and a loop, and nothing else', () => {
    expect(['/hr', '/hr/', '/hr/interviews/abc', '/hr/loops/l-1'].filter((path) => pageOpenTo(path, hiringManager))).toHaveLength(4);
    for (const path of ['/hr/invite', '/hr/kinds', '/hr/interviewers', '/hr/interviewers/x', '/hr/loop-templates', '/hr/calendars', '/hr/users', '/hr/teams']) {
      expect(pageOpenTo(path, hiringManager), path).toBe(false);
    }
  });

  it('a recruiter reaches every team page (the admins\' pages say they are admins\' own) but not the teams', () => {
    expect(pageOpenTo('/hr/invite', recruiter)).toBe(true);
    expect(pageOpenTo('/hr/users', recruiter)).toBe(true);
    expect(pageOpenTo('/hr/teams', recruiter)).toBe(false);
    expect(recruiter).toEqual({ runsInterviews: true, administers: false, managesTeams: false, setsRetention: false });
  });

  it('the owner administers and manages teams', () => {
    expect(owner).toEqual({ runsInterviews: true, administers: true, managesTeams: true, setsRetention: true });
    expect(consoleAccess({ role: 'admin', owner: false }).setsRetention).toBe(false);
    expect(pageOpenTo('/hr/teams', owner)).toBe(true);
  });
});
