import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { sleep } from './sleep';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves when the process has exited and its output is read. */
  readonly exited: Promise<ProcessExit>;
  hasExited(): boolean;
  /** The last lines it printed, for error messages. */
  recentOutput(): string;
  /** SIGTERM to its whole process group, then SIGKILL after `graceMs`; resolves when the group is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface ProcessSpec {
  name: string;
  command: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where prefixed output lines go; defaults to stdout. */
  output?: Writable;
}

const RECENT_LINES = 40;

export function startProcess(spec: ProcessSpec): RunningProcess {
  // A process group of its own: stopping it reaches everything it forked (tsx → node,
  // pnpm → vite), and a terminal's Ctrl-C reaches only us, so we stop things in order.
  const child = spawn(spec.command, spec.args ?? [], {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${spec.name} (${spec.command})`);

  const output = spec.output ?? process.stdout;
  const recent: string[] = [];
  const pipeLines = (stream: Readable) => {
    createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > RECENT_LINES) recent.shift();
      if (output.writable) output.write(`[${spec.name}] ${line}\n`);
    });
  };
  pipeLines(child.stdout);
  pipeLines(child.stderr);

  let exit: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    // 'close', not 'exit': by then every line it printed has been read.
    child.once('close', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
    child.once('error', (error) => {
      recent.push(String(error));
      exit = { code: -1, signal: null };
      resolve(exit);
    });
  });

  return {
    name: spec.name,
    pid,
    exited,
    hasExited: () => exit !== undefined,
    recentOutput: () => recent.join('\n'),
    stop: (graceMs = 10_000) => stopGroup(pid, exited, graceMs),
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is empty
  }
}

async function stopGroup(pid: number, exited: Promise<ProcessExit>, graceMs: number): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  await Promise.race([exited, sleep(graceMs)]);
  // The leader may be gone while something it started still shuts down; wait for the group.
  while (signalGroup(pid, 0) && Date.now() < deadline) await sleep(100);
  if (signalGroup(pid, 'SIGKILL')) {
    // Bounded: an unreaped zombie still answers signal 0 where PID 1 does not reap orphans.
    const killDeadline = Date.now() + 5_000;
    while (signalGroup(pid, 0) && Date.now() < killDeadline) await sleep(50);
  }
  await exited;
}
