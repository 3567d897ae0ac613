import { appendFileSync } from 'node:fs';
import { afterEach, expect } from 'vitest';

// With ASSERTION_COUNT_FILE set, each test appends "file<TAB>test<TAB>assertions" to that file:
// the figure that shows a change to the suite dropped no assertion (docs/adr/0017).
const out = process.env.ASSERTION_COUNT_FILE;
if (out) {
  afterEach((context) => {
    const file = context.task.file.filepath.replace(`${process.cwd()}/`, '');
    appendFileSync(out, `${file}\t${context.task.fullName}\t${expect.getState().assertionCalls}\n`);
  });
}
