import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_SECTIONS, withSection } from './reference-tables';

/** `pnpm docs:reference`: writes the REST route table and the procedure matrix into docs/. */
const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'docs');

for (const section of GENERATED_SECTIONS) {
  const path = join(DOCS, section.page);
  const page = readFileSync(path, 'utf8');
  const written = withSection(page, section.name, await section.render());
  if (written === page) console.log(`docs/${section.page}: ${section.name} unchanged`);
  else {
    writeFileSync(path, written);
    console.log(`docs/${section.page}: ${section.name} written`);
  }
}
