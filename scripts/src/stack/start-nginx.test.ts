import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nginxConfig } from './start-nginx';
import { HISTORY_SHARDS, hostConfig, type ClusterHost } from './start-temporal-cluster';

const front = {
  webRoot: '/srv/web',
  webPort: 5173,
  bookingPorts: [3000, 3001],
  temporal: { port: 7233, frontends: ['127.0.0.1:7301', '127.0.0.1:7302'] },
  dir: '/tmp/nginx',
  webNginxConf: fileURLToPath(new URL('../../../web/nginx.conf', import.meta.url)),
};

describe('the production topology\'s nginx', () => {
  const conf = nginxConfig(front);

  it('spreads booking\'s routes over every instance, unbuffered for the live pages, and names who answered', () => {
    expect(conf).toContain('server 127.0.0.1:3000 max_fails=1 fail_timeout=10s;');
    expect(conf).toContain('server 127.0.0.1:3001 max_fails=1 fail_timeout=10s;');
    for (const location of ['/trpc/', '/api/', '/codec']) expect(conf).toMatch(new RegExp(`location ${location} \\{[^}]*proxy_pass http://booking;[^}]*proxy_buffering off;`));
    expect(conf).toContain('add_header x-served-by $served_by always;');
    expect(conf).toContain("'' nginx;");
  });

  it('sends the web image\'s security headers, taken from web/nginx.conf', () => {
    const web = readFileSync(front.webNginxConf, 'utf8');
    const headers = web.split('\n').filter((line) => /^\s*add_header /.test(line)).map((line) => line.trim());
    expect(headers.length).toBeGreaterThanOrEqual(6);
    for (const header of headers) expect(conf).toContain(header);
  });

  it('fronts both Temporal frontends over gRPC on the Temporal port', () => {
    expect(conf).toMatch(/listen 127\.0\.0\.1:7233 http2;[^}]*grpc_pass grpc:\/\/temporal_frontends;/);
    expect(conf).toContain('server 127.0.0.1:7301');
    expect(conf).toContain('server 127.0.0.1:7302');
  });
});

describe('a Temporal cluster host\'s config', () => {
  const hosts: ClusterHost[] = [
    { name: 'frontend-1', service: 'frontend', grpcPort: 1, membershipPort: 2, httpPort: 3 },
    { name: 'history-1', service: 'history', grpcPort: 4, membershipPort: 5 },
    { name: 'history-2', service: 'history', grpcPort: 6, membershipPort: 7 },
    { name: 'matching-1', service: 'matching', grpcPort: 8, membershipPort: 9 },
    { name: 'worker-1', service: 'worker', grpcPort: 10, membershipPort: 11 },
  ];
  const config = hostConfig(hosts[2] as ClusterHost, hosts, { postgresPort: 5432, frontAddress: '127.0.0.1:7233' }, '/tmp/dc.yaml') as {
    persistence: { numHistoryShards: number; datastores: Record<string, { sql: { pluginName: string; databaseName: string } }> };
    services: Record<string, { rpc: { grpcPort: number } }>;
    publicClient: { hostPort: string };
  };

  it('keeps state and visibility in PostgreSQL, with the shards spread over the history hosts', () => {
    expect(config.persistence.numHistoryShards).toBe(HISTORY_SHARDS);
    expect(HISTORY_SHARDS).toBeGreaterThanOrEqual(64);
    expect(Object.values(config.persistence.datastores).map((store) => [store.sql.pluginName, store.sql.databaseName])).toEqual([
      ['postgres12', 'temporal'],
      ['postgres12', 'temporal_visibility'],
    ]);
  });

  it('names every service (the membership monitor tracks those), its own on its own ports, and reaches Temporal through the front', () => {
    expect(Object.keys(config.services).sort()).toEqual(['frontend', 'history', 'matching', 'worker']);
    expect(config.services.history?.rpc.grpcPort).toBe(6);
    expect(config.publicClient.hostPort).toBe('127.0.0.1:7233');
  });
});
