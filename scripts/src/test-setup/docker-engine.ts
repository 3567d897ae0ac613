import { existsSync } from 'node:fs';
import { request } from 'node:http';

/** Whether a Docker engine answers its /_ping on DOCKER_HOST or the default socket. */
export async function dockerEngineReachable(): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith('tcp://')) return ping({ host: new URL(host).hostname, port: Number(new URL(host).port || 2375) });
  const socketPath = host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
  return existsSync(socketPath) && ping({ socketPath });
}

function ping(target: { socketPath: string } | { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => req.destroy());
    req.end();
  });
}
