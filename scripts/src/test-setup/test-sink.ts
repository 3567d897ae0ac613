import { startSink, type RunningSink } from '@portal/notifications/sink';

/** The Postmark-compatible sink, in this process on a free port. */
export async function startTestSink(log: (line: string) => void, options: { capacity?: number } = {}): Promise<RunningSink> {
  const sink = await startSink({ ...options, port: 0, host: '127.0.0.1' });
  log(`email sink at ${sink.url}`);
  return sink;
}
