import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest in a whole run, with their seconds, so they start first. Without a
 * record of earlier runs (a fresh clone, CI) vitest starts the largest files first, and several of
 * these are small: started last, one of them would keep the run going alone for a minute or more
 * after the others are done. A renamed file simply loses its place.
 *
 * Seconds from the last fresh-clone CI run's JSON report (at fadf35d: each file's first test's
 * start to its last test's end, four workers; docs/testing.md): the twenty longest. Files whose
 * waits were cut after that run carry the figure measured alone after the cut (marked;
 * sign-in.test.ts, 102 s there, left the list at 5 s alone). Files that compute rather than wait
 * (the browser files) keep that run's figure, as they take longer in a whole run than alone.
 * Measure again when the order drifts.
 */
export const SLOW_TEST_FILES: Readonly<Record<string, number>> = {
  'web/src/hr-long-names.browser.test.ts': 131,
  'web/src/languages.browser.test.ts': 114,
  // Alone after their worker-restart waits were cut to 15 s (95 s each in a run before).
  'tests/google-calendar-events.test.ts': 65,
  'tests/microsoft-calendar-events.test.ts': 65,
  // Alone: two holds of 20 s each, one across a killed workflows worker.
  'tests/waitlist.test.ts': 70,
  'web/src/candidate-flow.browser.test.ts': 89,
  'tests/worker-crash.test.ts': 80,
  'web/src/hr-flow.browser.test.ts': 80,
  'tests/sms.test.ts': 79,
  'web/src/candidate-loop.browser.test.ts': 75,
  'tests/reminders.test.ts': 74,
  'web/src/candidate-phone-first.browser.test.ts': 73,
  'tests/notice-per-kind.test.ts': 72,
  'tests/retakes.test.ts': 70,
  'tests/repick-reminders.test.ts': 67,
  // Alone after its tests ran side by side (95 s in that run).
  'tests/panel-repair.test.ts': 63,
  'tests/interviewers.test.ts': 56,
  'tests/loops.test.ts': 55,
  'tests/webhooks.test.ts': 55,
  'tests/feedback.test.ts': 54,
  'tests/two-of-each.test.ts': 54,
  'tests/candidate-data.test.ts': 53,
};

/** vitest's own order (failed first, then longest by its records, else largest), the slow files ahead of it, longest first. */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const seconds = (spec: TestSpecification) => SLOW_TEST_FILES[relative(this.ctx.config.root, spec.moduleId)] ?? 0;
    return sorted
      .map((spec, order) => ({ spec, order, seconds: seconds(spec) }))
      .sort((a, b) => b.seconds - a.seconds || a.order - b.order)
      .map(({ spec }) => spec);
  }
}
