import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest in a whole run, with their seconds, so they start first. Without a
 * record of earlier runs (a fresh clone, CI) vitest starts the largest files first, and several of
 * these are small: started last, one of them would keep the run going alone for a minute or more
 * after the others are done. A renamed file simply loses its place.
 *
 * Seconds from the last fresh-clone CI run's JSON report (each file's end less its start, four
 * workers; docs/testing.md): the twenty longest. Files whose waits were cut after that run carry
 * the figure measured alone after the cut (marked; notice-per-kind, 61 s there, left the list at
 * 48 s alone). Files that compute rather than wait (the browser files) keep that run's figure, as
 * they take longer in a whole run than alone. Measure again when the order drifts.
 */
export const SLOW_TEST_FILES: Readonly<Record<string, number>> = {
  'web/src/hr-long-names.browser.test.ts': 117,
  'web/src/languages.browser.test.ts': 98,
  'web/src/hr-flow.browser.test.ts': 97,
  // Alone after its leads were counted from its own sends (167 s in that run).
  'tests/repick-reminders.test.ts': 83,
  'tests/sms.test.ts': 79,
  'tests/worker-crash.test.ts': 78,
  'web/src/candidate-phone-first.browser.test.ts': 74,
  'tests/reminders.test.ts': 69,
  'tests/retakes.test.ts': 67,
  'tests/candidate-data.test.ts': 65,
  'tests/panel-repair.test.ts': 64,
  // Alone after its two tests ran side by side (71 s in that run).
  'web/src/interviewer-flow.browser.test.ts': 62,
  'services/booking/src/auth/sign-in.test.ts': 60,
  'tests/loop-race.test.ts': 58,
  'web/src/candidate-flow.browser.test.ts': 56,
  'tests/interviewers.test.ts': 55,
  'tests/feedback.test.ts': 54,
  'tests/webhooks.test.ts': 53,
  'tests/candidate-lifecycle.test.ts': 52,
  'tests/lifecycle-paths.test.ts': 51,
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
