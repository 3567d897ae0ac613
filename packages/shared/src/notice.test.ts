import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { checkedNotice, noticeProblem, resolveNotice, type NoticeRules } from './notice';
import { rescheduleRefusal, cancelRefusal } from './rules';
import { kindSettingsInput, inviteInput } from './schemas';
import { generateSlots } from './slots';
import type { InterviewerAvailability } from './slot-types';

const defaults: NoticeRules = { minNoticeMinutes: 720, horizonDays: 21, changeCutoffMinutes: 120 };
const MINUTE = 60_000;

function refusalOf(run: () => unknown): { code: string; field: unknown } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: error.details.field };
  }
}

describe('notice rules: which apply', () => {
  it("the portal's defaults apply to a kind HR has not set", () => {
    expect(resolveNotice(defaults, null, undefined)).toEqual(defaults);
  });
  it("the kind's settings replace the defaults, field by field", () => {
    expect(resolveNotice(defaults, { minNoticeMinutes: 10, horizonDays: 3, changeCutoffMinutes: 5 })).toEqual({
      minNoticeMinutes: 10,
      horizonDays: 3,
      changeCutoffMinutes: 5,
    });
  });
  it("an invitation's own value wins over the kind's, and the kind fills what the invitation leaves out", () => {
    const kind = { minNoticeMinutes: 10, horizonDays: 3, changeCutoffMinutes: 5 };
    expect(resolveNotice(defaults, kind, { minNoticeMinutes: 0 })).toEqual({ minNoticeMinutes: 0, horizonDays: 3, changeCutoffMinutes: 5 });
    expect(resolveNotice(defaults, kind, { changeCutoffMinutes: 60, horizonDays: 7 })).toEqual({ minNoticeMinutes: 10, horizonDays: 7, changeCutoffMinutes: 60 });
  });
  it('an override that leaves the horizon short of the notice is refused with BAD_INPUT naming the horizon', () => {
    expect(refusalOf(() => resolveNotice(defaults, { horizonDays: 1, minNoticeMinutes: 10, changeCutoffMinutes: 0 }, { minNoticeMinutes: 1440 }))).toEqual({
      code: 'BAD_INPUT',
      field: 'horizonDays',
    });
  });
});

describe('notice rules: what can be set', () => {
  it('accepts no notice at all, and the most notice that still leaves a day of horizon', () => {
    expect(noticeProblem({ minNoticeMinutes: 0, horizonDays: 1, changeCutoffMinutes: 0 })).toBeNull();
    expect(noticeProblem({ minNoticeMinutes: 30 * 1440, horizonDays: 31, changeCutoffMinutes: 0 })).toBeNull();
  });
  it.each([
    [{ ...defaults, minNoticeMinutes: -1 }, 'minNoticeMinutes'],
    [{ ...defaults, minNoticeMinutes: 30 * 1440 + 1 }, 'minNoticeMinutes'],
    [{ ...defaults, minNoticeMinutes: Number.NaN }, 'minNoticeMinutes'],
    [{ ...defaults, horizonDays: 0 }, 'horizonDays'],
    [{ ...defaults, horizonDays: 1.5 }, 'horizonDays'],
    [{ ...defaults, horizonDays: 91 }, 'horizonDays'],
    [{ ...defaults, minNoticeMinutes: 1440, horizonDays: 1 }, 'horizonDays'],
    [{ ...defaults, changeCutoffMinutes: -5 }, 'changeCutoffMinutes'],
  ])('%o is refused naming %s', (rules, field) => {
    expect(refusalOf(() => checkedNotice(rules))).toEqual({ code: 'BAD_INPUT', field });
  });
  it("HR's kind settings form refuses a horizon inside the notice on the horizon field", () => {
    const parsed = kindSettingsInput.safeParse({ kind: 'screening', minNoticeMinutes: 2 * 1440, horizonDays: 2, changeCutoffMinutes: 0 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['horizonDays']);
    expect(kindSettingsInput.safeParse({ kind: 'screening', minNoticeMinutes: 10, horizonDays: 2, changeCutoffMinutes: 0 }).success).toBe(true);
  });
  it('an invitation may carry part of the rules, and nothing out of range', () => {
    const invitation = {
      candidateName: 'Ada',
      candidateEmail: 'ada@example.test',
      candidateTimezone: 'UTC',
      position: 'SRE',
      kind: 'screening',
      interviewerIds: ['i1'],
    };
    expect(inviteInput.safeParse({ ...invitation, notice: { minNoticeMinutes: 10 } }).success).toBe(true);
    expect(inviteInput.safeParse({ ...invitation, notice: { minNoticeMinutes: -1 } }).success).toBe(false);
    expect(inviteInput.safeParse({ ...invitation, notice: { horizonDays: 0.5 } }).success).toBe(false);
  });
});

describe('notice rules where they apply', () => {
  const now = new Date('2026-06-01T09:00:00Z');
  const ann: InterviewerAvailability = {
    interviewerId: 'ann',
    timezone: 'UTC',
    weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] })),
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    maxPerDay: 100,
  };
  const offered = (rules: NoticeRules) =>
    generateSlots({
      interviewers: [ann],
      booked: [],
      rules: { stepMinutes: 1, durationMinutes: 5, minNoticeMinutes: rules.minNoticeMinutes, horizonDays: rules.horizonDays },
      now,
    });
  it("a kind with ten minutes' notice offers a time twelve minutes ahead; the defaults do not", () => {
    const tenMinutes = resolveNotice(defaults, { minNoticeMinutes: 10 });
    const starts = offered(tenMinutes).map((slot) => slot.start.getTime());
    expect(starts).toContain(now.getTime() + 12 * MINUTE);
    expect(starts[0]).toBe(now.getTime() + 10 * MINUTE);
    expect(offered(defaults)[0]?.start.getTime()).toBe(now.getTime() + 720 * MINUTE);
  });
  it("the change cutoff is the interview's own: a candidate's move five minutes ahead is allowed under a zero cutoff, refused under the default", () => {
    const facts = { status: 'SCHEDULED' as const, slotStart: new Date(now.getTime() + 5 * MINUTE).toISOString(), rescheduleCount: 0, rescheduleLimit: 3 };
    const zero = resolveNotice(defaults, { changeCutoffMinutes: 0 });
    expect(rescheduleRefusal(facts, now.getTime(), zero.changeCutoffMinutes * MINUTE)).toBeNull();
    expect(cancelRefusal(facts, now.getTime(), zero.changeCutoffMinutes * MINUTE)).toBeNull();
    expect(cancelRefusal(facts, now.getTime(), defaults.changeCutoffMinutes * MINUTE)?.code).toBe('TOO_LATE_TO_CHANGE');
  });
});
