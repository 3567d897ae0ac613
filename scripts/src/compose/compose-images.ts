/** `pnpm compose:images`: builds the images docker-compose.local.yml names (docs/adr/0070). */
import { join } from 'node:path';
import { repoRoot } from '../paths';
import { buildComposeImages } from './local-images';

const images = await buildComposeImages({ webDist: join(repoRoot, 'web', 'dist') });
console.log(`images ready:\n  ${Object.values(images).join('\n  ')}`);
