import { hostname } from 'node:os';
import { getContainerRuntimeClient } from 'testcontainers';

/** Every container the test setup starts carries these; the owner is the vitest process. */
const INFRA_LABEL = 'portal.test-infra';
const OWNER_LABEL = 'portal.test-infra.owner';

export function ownerLabels(): Record<string, string> {
  return { [INFRA_LABEL]: 'true', [OWNER_LABEL]: `${hostname()}:${process.pid}` };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a container belongs to this run ('mine') or to a run on this machine that is gone ('orphans'). */
function matches(owner: string | undefined, which: 'mine' | 'orphans'): boolean {
  const [host, pid] = (owner ?? '').split(':');
  if (host !== hostname() || !pid) return false;
  return which === 'mine' ? Number(pid) === process.pid : !alive(Number(pid));
}

/**
 * Removes the labelled containers of this run, or of runs that died without their teardown
 * (killed, power cut), and the testcontainers networks they leave without members. Runs of
 * other live processes keep theirs. Returns how many containers went.
 */
export async function sweepContainers(which: 'mine' | 'orphans'): Promise<number> {
  const client = await getContainerRuntimeClient();
  const { dockerode } = client.container;
  const found = await dockerode.listContainers({ all: true, filters: { label: [INFRA_LABEL] } });
  const doomed = found.filter((container) => matches(container.Labels[OWNER_LABEL], which));
  const networkIds = new Set(doomed.flatMap((container) => Object.values(container.NetworkSettings.Networks).map((n) => n.NetworkID)));
  for (const container of doomed) await dockerode.getContainer(container.Id).remove({ force: true, v: true });
  for (const id of networkIds) {
    const network = client.network.getById(id);
    const info = (await network.inspect().catch(() => undefined)) as { Labels?: Record<string, string>; Containers?: object } | undefined;
    if (info?.Labels?.['org.testcontainers'] === 'true' && Object.keys(info.Containers ?? {}).length === 0) {
      await client.network.remove(network).catch(() => undefined);
    }
  }
  return doomed.length;
}
