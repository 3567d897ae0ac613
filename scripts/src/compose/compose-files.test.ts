import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTES } from '@portal/shared/search-attributes';
import { repoRoot } from '../paths';
import { composeNginxDir, composeNginxFiles } from './compose-nginx';
import { COMPOSE_IMAGES } from './local-images';

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  ports?: string[];
  command?: string[];
  entrypoint?: string[];
  pull_policy?: string;
  [key: string]: unknown;
}

/** A compose file as compose reads it: anchors and merge keys resolved, `!reset` kept as a marker. */
function composeFile(name: string): { services: Record<string, Service> } {
  const customTags = [{ tag: '!reset', resolve: () => ({ reset: true }) }];
  return parse(readFileSync(join(repoRoot, name), 'utf8'), { merge: true, customTags }) as { services: Record<string, Service> };
}

const official = composeFile('docker-compose.yml');
const local = composeFile('docker-compose.local.yml');

describe('docker-compose.local.yml, the official file on this machine\'s images', () => {
  it('names every service of the official file and no other', () => {
    expect(Object.keys(local.services).sort()).toEqual(Object.keys(official.services).sort());
  });

  it('changes only where each image comes from: services, environment, ports, commands and mounts stay the official file\'s', () => {
    for (const [name, service] of Object.entries(local.services)) {
      expect(Object.keys(service).filter((key) => !['image', 'build', 'pull_policy'].includes(key)), name).toEqual([]);
      expect(service.pull_policy, name).toBe('never');
      // A service the official file builds drops its build: the image is built already.
      if (official.services[name]?.build !== undefined) expect(service.build, name).toEqual({ reset: true });
    }
  });

  it('runs only images built here (pnpm compose:images), the official file only registry images or its own builds', () => {
    const built = new Set<string>(Object.values(COMPOSE_IMAGES));
    for (const [name, service] of Object.entries(local.services)) expect(built.has(service.image ?? ''), `${name}: ${service.image}`).toBe(true);
    for (const [name, service] of Object.entries(official.services)) expect(service.image ?? '', name).not.toMatch(/^portal-local\//);
  });

  it('has the production topology: two frontends, history and matching hosts, one worker host, two of each portal service', () => {
    const names = Object.keys(official.services);
    for (const role of ['frontend', 'history', 'matching']) expect(names.filter((name) => name.startsWith(`temporal-${role}-`)), role).toHaveLength(2);
    expect(names.filter((name) => name.startsWith('temporal-worker-'))).toHaveLength(1);
    for (const service of ['booking', 'workflows', 'notifications']) expect(names.filter((name) => name.startsWith(`${service}-`)), service).toHaveLength(2);
    // Each booking instance names itself in x-served-by; nginx alone is believed about the client's address.
    expect(official.services['booking-1']?.environment?.INSTANCE_NAME).toBe('booking-1');
    expect(official.services['booking-2']?.environment?.INSTANCE_NAME).toBe('booking-2');
    expect(official.services['booking-2']?.environment?.TRUST_PROXY).toBe('172.30.0.10');
    // Only the web app's port is published.
    expect(Object.entries(official.services).filter(([, service]) => service.ports).map(([name]) => name)).toEqual(['web']);
  });

  it('registers every search attribute the lifecycles carry', () => {
    const script = (official.services['temporal-prepare']?.command ?? []).join(' ');
    for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) expect(script).toContain(`--name ${name} --type ${type}`);
  });

  it('mounts deploy/nginx as the template writes it (pnpm --filter @portal/devstack exec tsx src/compose/write-compose-nginx.ts)', () => {
    for (const [name, text] of Object.entries(composeNginxFiles())) expect(readFileSync(join(composeNginxDir, name), 'utf8'), name).toBe(text);
  });
});
