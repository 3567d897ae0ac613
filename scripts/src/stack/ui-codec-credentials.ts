import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

export interface UiFront {
  close(): Promise<void>;
}

const SETTINGS_PATH = '/api/v1/settings';

/**
 * The Temporal CLI's dev server builds its Web UI's settings with the codec endpoint only
 * (`--ui-codec-endpoint`; no flag for the UI server's `codec.includeCredentials`), so the UI
 * calls the codec without cookies and a signed-in HR user sees "Decoding failed" until they tick
 * "include cross-origin credentials" by hand. This front serves the UI on its public port,
 * passes every request through to the UI's own port, and answers the settings with
 * `Codec.IncludeCredentials` on: the UI then sends the HR session cookie to the codec.
 */
export async function startUiFront(options: { host: string; port: number; uiPort: number }): Promise<UiFront> {
  const server = createServer((req, res) => {
    const isSettings = req.method === 'GET' && (req.url ?? '').split('?')[0] === SETTINGS_PATH;
    const headers: IncomingHttpHeaders = { ...req.headers, ...(isSettings ? { 'accept-encoding': 'identity' } : {}) };
    const upstream = request({ host: options.host, port: options.uiPort, method: req.method, path: req.url, headers }, (answer) =>
      isSettings && answer.statusCode === 200 ? void withCredentials(answer, res).catch(() => res.destroy()) : passThrough(answer, res),
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('The Temporal UI is not answering.');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => done());
  });
  return {
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function passThrough(answer: IncomingMessage, res: ServerResponse): void {
  res.writeHead(answer.statusCode ?? 502, answer.headers);
  answer.pipe(res);
}

async function withCredentials(answer: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  const settings = JSON.parse(Buffer.concat(chunks).toString()) as { Codec?: Record<string, unknown> };
  const body = JSON.stringify({ ...settings, Codec: { ...settings.Codec, IncludeCredentials: true } });
  const { 'content-length': _length, ...headers } = answer.headers;
  res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
