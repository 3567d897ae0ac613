import { figures } from './measure';

/** One reminder of the ramp: the step it belongs to and when it falls due (epoch ms). */
export interface DueReminder {
  step: number;
  dueAt: number;
}

/** Steps back to back from `startAt`, each `stepMs` long, `rate` reminders a second spread evenly. */
export function rampSchedule(rates: number[], stepMs: number, startAt: number): DueReminder[] {
  return rates.flatMap((rate, step) => {
    const count = Math.round((rate * stepMs) / 1000);
    return Array.from({ length: count }, (_, i) => ({ step, dueAt: startAt + step * stepMs + Math.round((i * 1000) / rate) }));
  });
}

export interface StepFigures {
  rate: number;
  due: number;
  delivered: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Per step: how many of its reminders arrived, at what rate (arrivals over the span from the
 * step's start to its last arrival, at least the step), and their lateness. A reminder not arrived
 * when the bench stops looking counts as infinitely late, so a step missing any cannot pass.
 */
export function stepFigures(rates: number[], stepMs: number, startAt: number, schedule: DueReminder[], lateness: Map<number, number>): StepFigures[] {
  return rates.map((rate, step) => {
    const mine = schedule.flatMap((reminder, index) => (reminder.step === step ? [index] : []));
    const late = mine.map((index) => lateness.get(index) ?? Number.POSITIVE_INFINITY);
    const arrived = mine.filter((index) => lateness.has(index));
    const stepStart = startAt + step * stepMs;
    const lastArrival = Math.max(stepStart + stepMs, ...arrived.map((index) => (schedule[index]?.dueAt ?? 0) + (lateness.get(index) ?? 0)));
    const f = figures(late, 0, 1);
    return { rate, due: mine.length, delivered: arrived.length, perSecond: arrived.length / ((lastArrival - stepStart) / 1000), p50Ms: f.p50Ms, p99Ms: f.p99Ms };
  });
}

/** The highest rate whose step kept p99 lateness within the bound (0 when none did). */
export function capacity(steps: StepFigures[], boundMs = 1_000): number {
  return steps.reduce((best, step) => (step.p99Ms <= boundMs ? Math.max(best, step.rate) : best), 0);
}

export function stepLine(step: StepFigures): string {
  // Not arrived by the time the bench stopped looking (two minutes after the last due time).
  const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'missing');
  return `${String(step.rate).padStart(3)}/s  delivered ${step.delivered}/${step.due}  ${step.perSecond.toFixed(1).padStart(5)}/s  lateness p50 ${s(step.p50Ms).padStart(8)}  p99 ${s(step.p99Ms).padStart(8)}`;
}

