import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, chmod, copyFile, cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { withBuildLock } from '../build-lock';
import { pnpmBin, repoRoot, toolsDir } from '../paths';
import { ferretdbImage, postgresImage, type LocalImage } from '../test-setup/containers/image-recipes';
import { copyLibrariesOf, copyTree } from '../test-setup/containers/rootfs';
import { staticTool } from '../test-setup/containers/static-tool';
import { findNginx } from '../stack/start-nginx';
import { TOOLS } from '../tools';

const run = promisify(execFile);

/**
 * The images docker-compose.local.yml runs in place of the official ones (docs/adr/0070), built
 * here `FROM scratch` from what this checkout already has: the Go tools it builds, the PostgreSQL
 * and FerretDB of the test images, Debian's nginx and this machine's Node with the portal's own
 * code. Each answers to the same entrypoint, command, environment and mounts as the official
 * image it stands for, so the two compose files differ only in `image:`.
 */
export const COMPOSE_IMAGES = {
  postgres: 'portal-local/postgres:15',
  temporalServer: 'portal-local/temporal-server:1.29.1',
  temporalAdminTools: 'portal-local/temporal-admin-tools:1.29.1',
  temporalUi: 'portal-local/temporal-ui:2.42.1',
  ferretdb: 'portal-local/ferretdb:1.24.2',
  nginx: 'portal-local/nginx:latest',
  services: 'portal-local/services:latest',
} as const;

/** This file's own digest: an image built by an older recipe below is not reused. */
const RECIPE = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 8);

const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** Another local image's recipe with a few lines added to its Dockerfile (its own tag, its own PATH). */
function derived(tag: string, base: LocalImage, extra: string[], programs: string[] = []): LocalImage {
  return {
    tag: `${tag.split(':')[0]}:${RECIPE}-${createHash('sha256').update(base.tag).update(extra.join('\n')).update(programs.join('\n')).digest('hex').slice(0, 12)}`,
    async prepare(context, log) {
      await base.prepare(context, log);
      await hostPrograms(join(context, 'rootfs'), programs, (program) => `/usr/bin/${basename(program)}`);
      await appendFile(join(context, 'Dockerfile'), lines(...extra));
    },
  };
}

async function tmpDir(rootfs: string): Promise<void> {
  await mkdir(join(rootfs, 'tmp'), { recursive: true });
  await chmod(join(rootfs, 'tmp'), 0o1777);
}

/** Static Go tools under /usr/local/bin, where the official images keep theirs. */
async function goTools(rootfs: string, names: (keyof typeof TOOLS)[], log: (line: string) => void): Promise<void> {
  await mkdir(join(rootfs, 'usr', 'local', 'bin'), { recursive: true });
  for (const name of names) {
    const bin = await staticTool(name, log);
    await copyFile(bin, join(rootfs, 'usr', 'local', 'bin', name));
    await copyLibrariesOf(rootfs, [bin]);
  }
}

/** This machine's programs (symlinks followed) at their own paths, with the libraries they link. */
async function hostPrograms(rootfs: string, programs: string[], at: (program: string) => string = (program) => program): Promise<void> {
  for (const program of programs) {
    await mkdir(join(rootfs, at(program), '..'), { recursive: true });
    await copyFile(program, join(rootfs, at(program)));
  }
  await copyLibrariesOf(rootfs, programs);
}

/** Without cgo, Go's os/user answers "current user" from USER and HOME only (Temporal asks). */
const GO_USER = 'ENV USER=temporal HOME=/tmp PATH=/usr/local/bin:/usr/bin:/bin';

/** Go tools under /usr/local/bin (with this machine's `programs` beside them), as the official Temporal images keep them. */
function temporalToolsImage(tag: string, tools: (keyof typeof TOOLS)[], programs: string[], dirs: string[] = []): LocalImage {
  return {
    tag: `${tag}-${RECIPE}`,
    async prepare(context, log) {
      const rootfs = join(context, 'rootfs');
      await tmpDir(rootfs);
      for (const dir of dirs) await mkdir(join(rootfs, dir), { recursive: true });
      await goTools(rootfs, tools, log);
      await hostPrograms(rootfs, programs);
      await writeFile(join(context, 'Dockerfile'), lines('FROM scratch', 'COPY rootfs/ /', GO_USER));
    },
  };
}

/** The server alone; the compose file mounts its config at /etc/temporal/config. */
const temporalServer = temporalToolsImage(COMPOSE_IMAGES.temporalServer, ['temporal-server'], [], ['etc/temporal/config']);

/** The SQL tool, the CLI and tdbg, with a shell and the few programs the compose file's scripts call. */
const temporalAdminTools = temporalToolsImage(COMPOSE_IMAGES.temporalAdminTools, ['temporal-sql-tool', 'temporal', 'tdbg'], ['/bin/sh', '/usr/bin/sleep', '/usr/bin/grep']);

/** The Web UI server as its official image lays it out: its config rendered from the environment by the server itself. */
const temporalUi: LocalImage = {
  tag: `${COMPOSE_IMAGES.temporalUi}-${RECIPE}`,
  async prepare(context, log) {
    const rootfs = join(context, 'rootfs');
    await tmpDir(rootfs);
    const bin = await staticTool('temporal-ui-server', log);
    const home = join(rootfs, 'home', 'ui-server');
    await mkdir(join(home, 'config'), { recursive: true });
    await copyFile(bin, join(home, 'ui-server'));
    await copyLibrariesOf(rootfs, [bin]);
    const { stdout } = await run('go', ['mod', 'download', '-json', `${TOOLS['temporal-ui-server'].module}@${TOOLS['temporal-ui-server'].version}`]);
    const { Dir } = JSON.parse(stdout) as { Dir: string };
    await copyFile(join(Dir, 'config', 'docker.yaml'), join(home, 'config', 'docker.yaml'));
    await writeFile(
      join(context, 'Dockerfile'),
      lines('FROM scratch', 'COPY rootfs/ /', 'ENV HOME=/tmp', 'WORKDIR /home/ui-server', 'EXPOSE 8080', 'ENTRYPOINT ["./ui-server", "--env", "docker", "start"]'),
    );
  },
};

/** Debian's nginx with the web build at the official image's document root; both nginx services of the file run it. */
function nginx(webDist: string, digest: string): LocalImage {
  return {
    tag: `${COMPOSE_IMAGES.nginx.split(':')[0]}:${RECIPE}-${digest}`,
    async prepare(context) {
      const bin = findNginx();
      if (!bin) throw new Error('the compose images need nginx: `apt-get install nginx` (Debian\'s package), then build again');
      const rootfs = join(context, 'rootfs');
      await tmpDir(rootfs);
      await hostPrograms(rootfs, [bin]);
      await mkdir(join(rootfs, 'etc', 'nginx'), { recursive: true });
      await copyFile('/etc/nginx/mime.types', join(rootfs, 'etc', 'nginx', 'mime.types'));
      // nginx opens its built-in error log before reading the config; its workers run as nobody.
      for (const dir of ['var/log/nginx', 'var/lib/nginx', 'run']) await mkdir(join(rootfs, dir), { recursive: true });
      await writeFile(join(rootfs, 'etc', 'passwd'), 'root:x:0:0::/:/nonexistent\nnobody:x:65534:65534::/nonexistent:/nonexistent\n');
      await writeFile(join(rootfs, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
      await copyTree(webDist, join(rootfs, 'usr', 'share', 'nginx', 'html'));
      await writeFile(join(context, 'Dockerfile'), lines('FROM scratch', 'COPY rootfs/ /', `ENV PATH=${join(bin, '..')}:/usr/bin:/bin`, 'EXPOSE 80', 'STOPSIGNAL SIGQUIT'));
    },
  };
}

/** Every `.node` file under a folder. */
async function nativeAddons(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.node')).map((entry) => join(entry.parentPath, entry.name));
}

/** The workspace files a production install of the three services reads. */
const WORKSPACE_FILES = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json'];
const WORKSPACE_DIRS = ['patches', 'packages', 'services'];
const OTHER_MEMBERS = ['scripts', 'tests', 'web', 'bench'];
const SERVICES = ['booking', 'workflows', 'notifications'];

/**
 * Every file of the services' code and their install, hashed: the services image is built again
 * only when one of them changed.
 */
async function sourceDigest(): Promise<string> {
  const { stdout } = await run('git', ['ls-files', '-co', '--exclude-standard', '-z', '--', ...WORKSPACE_FILES, ...WORKSPACE_DIRS, ...OTHER_MEMBERS.map((member) => `${member}/package.json`)], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  const hash = createHash('sha256');
  for (const file of stdout.split('\0').filter(Boolean).sort()) {
    const path = join(repoRoot, file);
    if (!existsSync(path)) continue;
    hash.update(file).update('\0').update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 12);
}

async function dirDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (at: string): Promise<void> => {
    for (const entry of (await readdir(at, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else hash.update(path.slice(dir.length)).update('\0').update(readFileSync(path));
    }
  };
  await walk(dir);
  return hash.digest('hex').slice(0, 12);
}

/**
 * This machine's Node with the three services and their production dependencies under /app, as
 * services/Dockerfile lays them out: pnpm installs them offline from its store (every package is
 * there since the checkout's own install), symlinks inside /app only.
 */
function services(digest: string): LocalImage {
  return {
    tag: `${COMPOSE_IMAGES.services.split(':')[0]}:${RECIPE}-${digest}`,
    async prepare(context, log) {
      const rootfs = join(context, 'rootfs');
      await tmpDir(rootfs);
      // Where the official Node image keeps it.
      await hostPrograms(rootfs, [process.execPath], () => '/usr/local/bin/node');
      await mkdir(join(rootfs, 'etc', 'ssl', 'certs'), { recursive: true });
      await copyFile('/etc/ssl/certs/ca-certificates.crt', join(rootfs, 'etc', 'ssl', 'certs', 'ca-certificates.crt'));
      const app = join(rootfs, 'app');
      await mkdir(app, { recursive: true });
      for (const file of WORKSPACE_FILES) await copyFile(join(repoRoot, file), join(app, file));
      for (const dir of WORKSPACE_DIRS) {
        await cp(join(repoRoot, dir), join(app, dir), { recursive: true, filter: (source) => !/[/\\](node_modules|\.turbo|dist)$/.test(source) && !/\.test\.ts$/.test(source) });
      }
      for (const member of OTHER_MEMBERS) {
        await mkdir(join(app, member), { recursive: true });
        await copyFile(join(repoRoot, member, 'package.json'), join(app, member, 'package.json'));
      }
      log('installing the services\' production dependencies offline from pnpm\'s store');
      const filters = SERVICES.flatMap((service) => ['--filter', `@portal/${service}...`]);
      await run(pnpmBin, ['install', '--frozen-lockfile', '--offline', '--prod', '--ignore-scripts', ...filters], { cwd: app, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stderr?: string; stdout?: string; message: string }) => {
        throw new Error(`pnpm install --prod for the services image failed: ${error.stderr || error.stdout || error.message}`);
      });
      // The native addons (Temporal's core bridge…) link system libraries Node itself does not.
      await copyLibrariesOf(rootfs, await nativeAddons(join(app, 'node_modules', '.pnpm')));
      await writeFile(
        join(context, 'Dockerfile'),
        lines('FROM scratch', 'COPY rootfs/ /', 'ENV PATH=/usr/local/bin:/usr/bin:/bin HOME=/tmp NODE_ENV=production MALLOC_ARENA_MAX=2', 'WORKDIR /app'),
      );
    },
  };
}

const POSTGRES_ENTRY = [
  '[ "$1" = postgres ] && shift;',
  'exec /pg/bin/postgres -D /var/lib/postgresql/data -c hba_file=/etc/postgresql/pg_hba.conf -c unix_socket_directories= -c listen_addresses=\'*\' "$@"',
].join(' ');

const imageExists = (tag: string) => run('docker', ['image', 'inspect', tag]).then(() => true, () => false);

/** Builds an image with the Docker CLI when none of its tag exists yet (once per content). */
async function ensureImage(image: LocalImage, log: (line: string) => void): Promise<string> {
  if (await imageExists(image.tag)) return image.tag;
  const context = join(toolsDir, 'images', image.tag.replace(/[^a-z0-9.-]+/gi, '_'));
  await mkdir(join(toolsDir, 'images'), { recursive: true });
  return withBuildLock(`${context}.lock`, async () => {
    if (await imageExists(image.tag)) return image.tag;
    const started = Date.now();
    log(`building image ${image.tag}`);
    await rm(context, { recursive: true, force: true });
    await image.prepare(context, log);
    await run('docker', ['build', '--quiet', '--tag', image.tag, context], { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`building ${image.tag} failed: ${error.stderr || error.message}; the context stays at ${context}`);
    });
    await rm(context, { recursive: true, force: true });
    log(`built image ${image.tag} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return image.tag;
  }, log);
}

/** The same image's builds by older recipes or inputs (half a gigabyte each for the services): removed, unless a container holds one. */
async function removeOlderBuilds(current: string, name: string): Promise<void> {
  const repository = current.split(':')[0] ?? current;
  const { stdout } = await run('docker', ['image', 'ls', repository, '--format', '{{.Repository}}:{{.Tag}}']);
  const older = stdout.split('\n').filter((tag) => tag && tag !== current && tag !== name);
  for (const tag of older) await run('docker', ['rmi', tag]).catch(() => undefined);
}

/** Builds every image the local compose file names (each once per content), and tags it with that name. */
export async function buildComposeImages(options: { webDist: string; log?: (line: string) => void }): Promise<typeof COMPOSE_IMAGES> {
  const log = options.log ?? console.log;
  if (!existsSync(join(options.webDist, 'index.html'))) throw new Error(`${options.webDist} holds no web build: run bash scripts/build-web.sh first`);
  const images: Record<keyof typeof COMPOSE_IMAGES, LocalImage> = {
    postgres: derived(COMPOSE_IMAGES.postgres, postgresImage(), [
      'ENV PATH=/pg/bin:/usr/bin:/bin',
      // Like the official image: `postgres -c …` as the command, listening on every address.
      `ENTRYPOINT ["/bin/sh", "-c", ${JSON.stringify(POSTGRES_ENTRY)}, "--"]`,
      'CMD ["postgres"]',
    ], [
      // The package ships no client programs; the compose file's health check asks Debian's.
      '/usr/lib/postgresql/15/bin/pg_isready',
    ]),
    temporalServer,
    temporalAdminTools,
    temporalUi,
    ferretdb: derived(COMPOSE_IMAGES.ferretdb, ferretdbImage, []),
    nginx: nginx(options.webDist, await dirDigest(options.webDist)),
    services: services(await sourceDigest()),
  };
  // One after the other: two builds at once thrash a 2-core machine.
  for (const [name, image] of Object.entries(images) as [keyof typeof COMPOSE_IMAGES, LocalImage][]) {
    const built = await ensureImage(image, log);
    await run('docker', ['tag', built, COMPOSE_IMAGES[name]]);
    await removeOlderBuilds(built, COMPOSE_IMAGES[name]);
  }
  return COMPOSE_IMAGES;
}
