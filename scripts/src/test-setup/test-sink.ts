interface RunningSink {
  url: string;
  close(): Promise<void>;
}
interface SinkModule {
  startSink(options: { port?: number; host?: string; capacity?: number }): Promise<RunningSink>;
}

/**
 * The Postmark-compatible sink, in this process on a free port. Loaded through the
 * notifications package's `./sink` export; without it the tests run with no sink.
 */
export async function startTestSink(log: (line: string) => void, options: { capacity?: number } = {}): Promise<RunningSink | undefined> {
  const specifier = '@portal/notifications/sink';
  let sinkModule: SinkModule;
  try {
    sinkModule = (await import(/* @vite-ignore */ specifier)) as SinkModule;
  } catch (error) {
    log(`no email sink: ${specifier} could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return undefined;
  }
  const sink = await sinkModule.startSink({ ...options, port: 0, host: '127.0.0.1' });
  log(`email sink at ${sink.url}`);
  return sink;
}
