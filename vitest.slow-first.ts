import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest in a whole run, with their seconds, so they start first. Without a
 * record of earlier runs (a fresh clone, CI) vitest starts the largest files first, and several of
 * these are small: started last, one of them would keep the run going alone for a minute or more
 * after the others are done. A renamed file simply loses its place.
 *
 * Seconds from the last fresh-clone CI run's JSON report (at 373fb77: each file's first test's
 * start to its last test's end, four workers; docs/testing.md): the twenty-four longest, and the
 * loops' windows and waitlist file, added after it (42 s alone; its HR wait is 15 s of it). Files
 * that compute rather than wait (the browser files) take longer in a whole run than alone.
 * Measure again when the order drifts.
 */
export const SLOW_TEST_FILES: Readonly<Record<string, number>> = {
  'web/src/hr-long-names.browser.test.ts': 114,
  'web/src/languages.browser.test.ts': 105,
  'tests/worker-crash.test.ts': 88,
  'tests/sms.test.ts': 78,
  'tests/meeting-rooms.test.ts': 77,
  'web/src/hr-flow.browser.test.ts': 73,
  'tests/microsoft-calendar.test.ts': 71,
  'tests/microsoft-calendar-events.test.ts': 71,
  'tests/panel-repair.test.ts': 71,
  'tests/retakes.test.ts': 70,
  'tests/reminders.test.ts': 69,
  'web/src/interviewer-flow.browser.test.ts': 64,
  'web/src/candidate-flow.browser.test.ts': 64,
  'tests/repick-reminders.test.ts': 62,
  'web/src/hr-kinds.browser.test.ts': 62,
  'scripts/src/year-of-data.test.ts': 60,
  'tests/waitlist.test.ts': 60,
  'tests/loop-windows-waitlist.test.ts': 60,
  'tests/two-of-each.test.ts': 57,
  'tests/loops.test.ts': 56,
  'tests/notice-per-kind.test.ts': 55,
  'tests/feedback.test.ts': 55,
  'tests/candidate-lifecycle.test.ts': 53,
  'web/src/hr-pages.browser.test.ts': 53,
  'tests/load-limits.test.ts': 52,
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
