import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSink, type RunningSink } from '@portal/notifications/sink';
import { repoRoot } from '../paths';
import { freePort } from '../stack/free-port';
import { ensureTool } from '../tools';
import { buildComposeImages } from './local-images';

const run = promisify(execFile);

/** The compose network's gateway: this machine, as the containers reach it (docker-compose.yml's subnet). */
const HOST_ON_NETWORK = '172.30.0.1';

export interface ComposeRehearsal {
  /** The web app and booking through nginx, on this machine. */
  web: string;
  /** The email and SMS sink the notifications service sends to, in this process. */
  sink: RunningSink;
  /** The secrets the run was given (HR's password, the Postmark token…). */
  secrets: Record<string, string>;
  /** `docker compose <args>` on this run's project and files. */
  compose(args: string[], timeoutMs?: number): Promise<string>;
  /** What `docker compose ps` says of each service: its state and health. */
  services(): Promise<{ Service: string; State: string; Health: string; ExitCode: number }[]>;
  stop(): Promise<void>;
}

/** Real secrets of the shapes production asks for, new for each run. */
function rehearsalSecrets(): Record<string, string> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const hex = (bytes: number) => randomBytes(bytes).toString('hex');
  return {
    POSTGRES_PASSWORD: hex(12),
    PAYLOAD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    CALENDAR_SECRET_KEY: randomBytes(32).toString('base64'),
    TOKEN_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    TOKEN_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    HR_ADMIN_PASSWORD: hex(12),
    POSTMARK_SERVER_TOKEN: hex(16),
    WEBHOOK_USER: `postmark-${hex(4)}`,
    WEBHOOK_PASSWORD: hex(16),
    TWILIO_ACCOUNT_SID: `AC${hex(16)}`,
    TWILIO_AUTH_TOKEN: hex(16),
    TWILIO_FROM: '+441632960961',
  };
}

/**
 * docker-compose.yml run on this machine with the local images (docker-compose.local.yml), the
 * way an operator rehearses a deployment: Docker's compose built from its Go module, every image
 * built here, real secrets, Postmark and Twilio answered by the sink on this machine.
 */
export async function startComposeRehearsal(options: { project: string; log?: (line: string) => void }): Promise<ComposeRehearsal> {
  const log = options.log ?? console.log;
  const composeBin = await ensureTool('docker-compose', log);
  const { stdout: version } = await run(composeBin, ['version', '--short']);
  if (!/^v?2\./.test(version.trim())) throw new Error(`${composeBin} is compose ${version.trim()}; the compose files need v2 (unset DOCKER_COMPOSE_BIN, or take it off PATH, to build it)`);
  const webDist = join(repoRoot, 'web', 'dist');
  if (!existsSync(join(webDist, 'index.html'))) throw new Error('web/dist is missing: build it first with `bash scripts/build-web.sh`');
  await buildComposeImages({ webDist, log });

  const secrets = rehearsalSecrets();
  const sink = await startSink({ host: '0.0.0.0', token: secrets.POSTMARK_SERVER_TOKEN, twilioAuthToken: secrets.TWILIO_AUTH_TOKEN });
  const sinkPort = new URL(sink.url).port;
  const webPort = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'portal-compose-'));
  const envFile = join(dir, 'compose.env');
  const env = {
    ...secrets,
    WEB_PORT: String(webPort),
    PUBLIC_WEB_URL: `http://localhost:${webPort}`,
    POSTMARK_API_URL: `http://${HOST_ON_NETWORK}:${sinkPort}`,
    TWILIO_API_BASE_URL: `http://${HOST_ON_NETWORK}:${sinkPort}`,
  };
  await writeFile(envFile, Object.entries(env).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join('\n') + '\n');
  const files = ['-f', join(repoRoot, 'docker-compose.yml'), '-f', join(repoRoot, 'docker-compose.local.yml')];
  const compose = async (args: string[], timeoutMs = 120_000) => {
    const { stdout } = await run(composeBin, ['--project-name', options.project, '--env-file', envFile, ...files, ...args], {
      cwd: repoRoot,
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`docker compose ${args.join(' ')} failed: ${error.stderr || error.stdout || error.message}`);
    });
    return stdout;
  };
  const stop = async () => {
    await compose(['down', '--volumes', '--remove-orphans', '--timeout', '10'], 180_000).catch((error: Error) => log(error.message));
    await sink.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  // A run stopped half way leaves its project behind: start from nothing.
  await compose(['down', '--volumes', '--remove-orphans', '--timeout', '5'], 180_000);
  const started = Date.now();
  try {
    await compose(['up', '--detach', '--wait', '--wait-timeout', '480'], 540_000);
  } catch (error) {
    const logs = await compose(['logs', '--no-color', '--tail', '30']).catch(() => '');
    await stop();
    throw new Error(`${(error as Error).message}\n--- the last lines of each service ---\n${logs}`);
  }
  log(`compose: every service up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return {
    web: `http://127.0.0.1:${webPort}`,
    sink,
    secrets,
    compose,
    services: async () => (await compose(['ps', '--all', '--format', 'json'])).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { Service: string; State: string; Health: string; ExitCode: number }),
    stop,
  };
}
