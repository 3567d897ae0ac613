import type { RunningProcess } from './start-process';

export interface StackOptions {
  /** Called once when a process exits on its own while the stack is up. */
  onUnexpectedExit?: (process: RunningProcess) => void;
  log?: (line: string) => void;
}

/** The processes of one run, stopped in reverse start order. */
export class Stack {
  private readonly processes: RunningProcess[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: StackOptions = {}) {}

  add<P extends RunningProcess>(process: P): P {
    this.processes.push(process);
    void process.exited.then(() => {
      if (!this.stopping) this.options.onUnexpectedExit?.(process);
    });
    return process;
  }

  isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Idempotent: a second call (a second Ctrl-C) waits for the first. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    for (const process of [...this.processes].reverse()) {
      if (process.hasExited()) continue;
      this.options.log?.(`stopping ${process.name}`);
      await process.stop();
    }
  }

  /**
   * Stops everything on SIGINT/SIGTERM, then exits with the conventional 128+signal code.
   * Should this process exit any other way, whatever is still running gets SIGKILL.
   */
  stopOnSignals(): void {
    process.on('exit', () => {
      for (const child of this.processes) {
        if (child.hasExited()) continue;
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
    const handle = (signal: NodeJS.Signals, code: number) => {
      process.on(signal, () => {
        void this.stop().then(() => process.exit(code));
      });
    };
    handle('SIGINT', 130);
    handle('SIGTERM', 143);
    handle('SIGHUP', 129);
  }
}
