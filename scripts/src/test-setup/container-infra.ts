import { SEARCH_ATTRIBUTES } from '@portal/shared/search-attributes';
import { Network, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import type { FerretBackendName } from '../stack/embedded-mongo';
import { installGinTwins, JSONB_OPERATOR_COST } from '../stack/gin-twins';
import { ferretPostgresUrl } from '../stack/start-ferret';
import { devServerDynamicConfigArgs } from '../stack/start-temporal';
import { serviceImage, type ImageSource } from './containers/images';
import { LoopbackContainer } from './containers/loopback-container';

type Log = (line: string) => void;

/** What a run started on the engine, stopped in reverse order by `stop`. */
export class ContainerRun {
  private readonly started: Array<StartedTestContainer | StartedNetwork> = [];

  constructor(readonly source: ImageSource, private readonly log: Log) {}

  track<T extends StartedTestContainer | StartedNetwork>(item: T): T {
    this.started.push(item);
    return item;
  }

  /** Stops everything even when one stop fails (the sweep after it removes what is left). */
  async stop(): Promise<void> {
    for (const item of this.started.splice(0).reverse()) {
      await item.stop().catch((error: unknown) => this.log(`stopping a container failed: ${String(error)}`));
    }
  }

  image(service: 'postgres' | 'ferretdb' | 'temporal'): Promise<string> {
    return serviceImage(service, this.source, this.log);
  }
}

const loopback = (container: StartedTestContainer, port: number) => `127.0.0.1:${container.getMappedPort(port)}`;

/** Settings the native cluster runs with too (start-postgres.ts): GIN twins need custom plans and a jsonb operator's real cost; tests trade durability for speed. */
const POSTGRES_SETTINGS = ['listen_addresses=*', 'max_connections=300', 'plan_cache_mode=force_custom_plan', JSONB_OPERATOR_COST, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

async function startPostgres(run: ContainerRun, network: StartedNetwork): Promise<void> {
  const official = run.source === 'official';
  const flags = POSTGRES_SETTINGS.flatMap((setting) => ['-c', setting]);
  const container = new LoopbackContainer(await run.image('postgres'))
    .withNetwork(network)
    .withNetworkAliases('postgres')
    .withExposedPorts(5432)
    .withCommand(official ? ['postgres', ...flags] : flags)
    // The official image starts a temporary server to initialise its cluster first.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, official ? 2 : 1));
  if (official) container.withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' });
  const postgres = run.track(await container.start());
  await installGinTwins(`postgres://postgres@${loopback(postgres, 5432)}/postgres`);
}

/** FerretDB in a container (on PostgreSQL in a second one on the run's network, or on SQLite); returns the MongoDB URL. */
export async function startMongoContainers(run: ContainerRun, backend: FerretBackendName): Promise<string> {
  const network = run.track(await new Network().start());
  if (backend === 'postgresql') await startPostgres(run, network);
  const handler =
    backend === 'postgresql'
      ? ['--handler=postgresql', `--postgresql-url=${ferretPostgresUrl('postgres://postgres@postgres:5432/postgres')}`]
      : ['--handler=sqlite', '--sqlite-url=file:/data/?_txlock=immediate'];
  const ferret = run.track(
    await new LoopbackContainer(await run.image('ferretdb'))
      .withNetwork(network)
      .withExposedPorts(27017)
      .withCommand([...handler, '--state-dir=/state', '--listen-addr=:27017', '--debug-addr=-', '--telemetry=disable', '--log-level=info'])
      .withWaitStrategy(Wait.forLogMessage(/Listening on TCP/))
      .start(),
  );
  return `mongodb://${loopback(ferret, 27017)}`;
}

/** The Temporal CLI dev server in a container, in memory, with the portal's search attributes; returns host:port. */
export async function startTemporalContainer(run: ContainerRun): Promise<string> {
  const attributes = Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
  const temporal = run.track(
    await new LoopbackContainer(await run.image('temporal'))
      .withExposedPorts(7233, 7243)
      .withCommand(['server', 'start-dev', '--ip', '0.0.0.0', '--port', '7233', '--http-port', '7243', '--headless', '--log-level', 'warn', ...attributes, ...devServerDynamicConfigArgs()])
      .withWaitStrategy(Wait.forHttp('/api/v1/namespaces/default', 7243))
      .withStartupTimeout(120_000)
      .start(),
  );
  return loopback(temporal, 7233);
}
