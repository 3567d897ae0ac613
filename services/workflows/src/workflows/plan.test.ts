import { describe, expect, it } from 'vitest';
import type { LifecycleTimings } from '@portal/shared/lifecycle';
import { wakeAt, type Deadline } from './plan';

const timings = (reminderLeadMs?: number) => ({ reminderLeadMs }) as LifecycleTimings;
const at = Date.parse('2026-12-01T10:00:00Z');

describe('wakeAt', () => {
  it('hands the candidate\'s and the panel\'s reminders over the lead ahead of their moment', () => {
    const reminder: Deadline = { kind: 'reminder', at, summary: '1h reminder', offsetMs: 3_600_000 };
    const panel: Deadline = { kind: 'panel-reminder', at, summary: "interviewers' 15min reminder", offsetMs: 900_000 };
    expect(wakeAt(reminder, timings(60_000))).toBe(at - 60_000);
    expect(wakeAt(panel, timings(60_000))).toBe(at - 60_000);
  });

  it('acts on every other deadline at its moment, and on reminders too in lifecycles started without a lead', () => {
    expect(wakeAt({ kind: 'window-opens', at, summary: 'interview starts' }, timings(60_000))).toBe(at);
    expect(wakeAt({ kind: 'invitation-expiry', at, summary: 'invitation expiry' }, timings(60_000))).toBe(at);
    expect(wakeAt({ kind: 'reminder', at, summary: '1h reminder', offsetMs: 3_600_000 }, timings(undefined))).toBe(at);
  });
});
