import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import type { Stack } from './stack';
import { startProcess, type RunningProcess } from './start-process';
import { waitForHttp, waitForTcp } from './wait-for';

const run = promisify(execFile);

export interface NginxFront {
  /** The built web app (web/dist). */
  webRoot: string;
  /** Where browsers, the ATS and the Temporal UI's codec calls arrive. */
  webPort: number;
  /** Every booking instance's port on loopback. */
  bookingPorts: number[];
  /** Where the portal's services and the Temporal UI reach the cluster (gRPC), and each frontend behind it. */
  temporal: { port: number; frontends: string[] };
  /** Its config, pid and temp files. */
  dir: string;
  /** The web image's nginx config (web/nginx.conf), whose security headers the web app is served with. */
  webNginxConf: string;
}

/**
 * The security headers of web/nginx.conf (the web image's config, kept equal to the preview
 * server's by web/build/security-headers.test.ts), taken as they are.
 */
export function webSecurityHeaders(webNginxConf: string): string[] {
  const conf = readFileSync(webNginxConf, 'utf8');
  return conf.split('\n').filter((line) => /^\s*add_header \S+ ".*" always;$/.test(line)).map((line) => `    ${line.trim()}`);
}

/**
 * What one nginx serves: the web app with booking's routes, the Temporal frontends' gRPC, or both
 * (`host:port` to listen on; `host:port` of each instance behind it).
 */
export interface NginxLayout {
  web?: { listen: string; root: string; booking: string[]; headers: string[] };
  temporal?: { listen: string; frontends: string[] };
  pid: string;
  /** Where it buffers request bodies and proxied answers; must exist. */
  tempDir: string;
}

/**
 * One nginx in front of everything (docs/adr/0068): the web build as files, booking's routes
 * spread round robin over its instances, and the Temporal frontends' gRPC. Passive health checks:
 * an instance that refuses a connection or times out is passed over for 10 s; a request is tried
 * on the next instance only where that cannot do it twice (nginx never repeats a POST that reached
 * one). Every answer says who served it in `x-served-by`: the instance's own name, or `nginx` for
 * the web app's files.
 */
export function nginxConfig(front: NginxFront): string {
  return renderNginx({
    web: {
      listen: `127.0.0.1:${front.webPort}`,
      root: front.webRoot,
      booking: front.bookingPorts.map((port) => `127.0.0.1:${port}`),
      headers: webSecurityHeaders(front.webNginxConf),
    },
    temporal: { listen: `127.0.0.1:${front.temporal.port}`, frontends: front.temporal.frontends },
    pid: join(front.dir, 'nginx.pid'),
    tempDir: join(front.dir, 'tmp'),
  });
}

const NGINX_TEMP_KINDS = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];

export function renderNginx(layout: NginxLayout): string {
  const upstream = (name: string, addresses: string[]) => [
    `  upstream ${name} {`,
    ...addresses.map((address) => `    server ${address} max_fails=1 fail_timeout=10s;`),
    '    keepalive 32;',
    '  }',
  ];
  const toBooking = (location: string) => [
    `    location ${location} {`,
    '      proxy_pass http://booking;',
    '      proxy_http_version 1.1;',
    '      proxy_set_header Connection "";',
    '      proxy_set_header Host $http_host;',
    // Booking believes X-Forwarded-For from nginx only (TRUST_PROXY): nginx replaces what the client sent.
    '      proxy_set_header X-Forwarded-For $remote_addr;',
    // The live pages' server-sent events go out as they are written; an hour's stream stays open.
    '      proxy_buffering off;',
    '      proxy_read_timeout 1h;',
    '      proxy_next_upstream error timeout;',
    '      proxy_next_upstream_timeout 10s;',
    '    }',
  ];
  const web = layout.web
    ? [
        '  map $upstream_http_x_served_by $served_by {',
        "    '' nginx;",
        '    default $upstream_http_x_served_by;',
        '  }',
        ...upstream('booking', layout.web.booking),
        '  server {',
        `    listen ${layout.web.listen};`,
        `    root ${layout.web.root};`,
        '    client_max_body_size 100k;',
        '    gzip_static on;',
        '    proxy_hide_header x-served-by;',
        '    add_header x-served-by $served_by always;',
        ...layout.web.headers,
        ...toBooking('/trpc/'),
        ...toBooking('/api/'),
        ...toBooking('/codec'),
        '    location /assets/ {',
        '      expires 1y;',
        '      try_files $uri =404;',
        '    }',
        '    location / {',
        '      expires -1;',
        '      try_files $uri /index.html;',
        '    }',
        '  }',
      ]
    : [];
  const temporal = layout.temporal
    ? [
        ...upstream('temporal_frontends', layout.temporal.frontends),
        '  server {',
        `    listen ${layout.temporal.listen} http2;`,
        '    location / {',
        '      grpc_pass grpc://temporal_frontends;',
        // Task queue polls are long polls (up to 70 s); a workflow's history may be large.
        '      grpc_read_timeout 5m;',
        '      grpc_send_timeout 5m;',
        '      client_max_body_size 64m;',
        '      grpc_next_upstream error timeout;',
        '    }',
        '  }',
      ]
    : [];
  return [
    'worker_processes 1;',
    'daemon off;',
    'master_process on;',
    `pid ${layout.pid};`,
    'error_log stderr warn;',
    'events { worker_connections 4096; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  access_log off;',
    '  server_tokens off;',
    ...NGINX_TEMP_KINDS.map((kind) => `  ${kind}_temp_path ${join(layout.tempDir, kind)};`),
    ...web,
    ...temporal,
    '}',
    '',
  ].join('\n');
}

/** Debian's nginx: on PATH, or where its package puts it. */
export function findNginx(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
  return undefined;
}

export async function startNginx(front: NginxFront, options: { output?: Writable; stack?: Stack; timeoutMs?: number } = {}): Promise<RunningProcess> {
  const bin = findNginx();
  if (!bin) throw new Error('the production topology needs nginx: `apt-get install nginx` (Debian\'s package), then start again');
  for (const kind of NGINX_TEMP_KINDS) await mkdir(join(front.dir, 'tmp', kind), { recursive: true });
  const file = join(front.dir, 'nginx.conf');
  await writeFile(file, nginxConfig(front));
  await run(bin, ['-t', '-q', '-c', file]).catch((error: { stderr?: string; message: string }) => {
    throw new Error(`nginx refused its config ${file}: ${error.stderr ?? error.message}`);
  });
  const process = startProcess({ name: 'nginx', command: bin, args: ['-c', file], output: options.output });
  options.stack?.add(process);
  const wait = { process, timeoutMs: options.timeoutMs ?? 30_000 };
  await waitForHttp(`http://127.0.0.1:${front.webPort}/`, wait);
  await waitForTcp('127.0.0.1', front.temporal.port, wait);
  return process;
}
