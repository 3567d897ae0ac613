/** Writes deploy/nginx from its template: `pnpm --filter @portal/devstack exec tsx src/compose/write-compose-nginx.ts`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeNginxDir, composeNginxFiles } from './compose-nginx';

for (const [name, text] of Object.entries(composeNginxFiles())) writeFileSync(join(composeNginxDir, name), text);
