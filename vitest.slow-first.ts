import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that wait longest for lifecycle timers in real time (docs/testing.md), longest
 * first. Without a record of earlier runs (a fresh clone, CI) vitest starts the largest files
 * first, and several of these are small: started last, one of them would keep the run going
 * alone for a minute or more after the others are done. A renamed file simply loses its place.
 */
export const SLOW_TEST_FILES = [
  // Ordered by the per-file times of a whole run of the suite on four workers (docs/adr/0044): the twenty longest.
  'tests/retakes.test.ts',
  'tests/sms.test.ts',
  'tests/worker-crash.test.ts',
  'web/src/hr-flow.browser.test.ts',
  'tests/panel-repair.test.ts',
  'tests/reminders.test.ts',
  'tests/candidate-lifecycle.test.ts',
  'tests/feedback.test.ts',
  'tests/lifecycle-paths.test.ts',
  'tests/notice-per-kind.test.ts',
  'tests/two-of-each.test.ts',
  'web/src/hr-loops.browser.test.ts',
  'web/src/languages.browser.test.ts',
  'tests/candidate-data.test.ts',
  'tests/loops.test.ts',
  'web/src/interviewer-flow.browser.test.ts',
  'web/src/live-pages.browser.test.ts',
  'tests/webhooks.test.ts',
  'web/src/hr/webhooks/webhooks-page.browser.test.ts',
  'tests/held-reminders.test.ts',
] as const;

/** vitest's own order (failed first, then longest by its records, else largest), the slow files ahead of it. */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow: readonly string[] = SLOW_TEST_FILES;
    const rank = (spec: TestSpecification) => {
      const index = slow.indexOf(relative(this.ctx.config.root, spec.moduleId));
      return index === -1 ? slow.length : index;
    };
    return sorted
      .map((spec, order) => ({ spec, order, rank: rank(spec) }))
      .sort((a, b) => a.rank - b.rank || a.order - b.order)
      .map(({ spec }) => spec);
  }
}
