import { appendFileSync } from 'node:fs';
import { afterEach, expect } from 'vitest';

// With ASSERTION_COUNT_FILE set, each test appends "file<TAB>test<TAB>assertions" to that file:
// the figure that shows a change to the suite dropped no assertion (docs/adr/0017).
// A concurrent test counts on its own `expect` (from its context): the global one's count is
// reset by every test that starts beside it. A test uses one or the other, so the two add up.
const out = process.env.ASSERTION_COUNT_FILE;
if (out) {
  afterEach((context) => {
    const file = context.task.file.filepath.replace(`${process.cwd()}/`, '');
    const calls = expect.getState().assertionCalls + context.expect.getState().assertionCalls;
    appendFileSync(out, `${file}\t${context.task.fullName}\t${calls}\n`);
  });
}
