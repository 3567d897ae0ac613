import { AuthenticationHandler, Client, HTTPMessageHandler, TelemetryHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { MicrosoftTokenSource } from './microsoft-auth';
import { plainHttpRewrite } from './msal-network';

/** Microsoft Graph's global endpoint. */
export const GRAPH_URL = 'https://graph.microsoft.com';

/** Gives every request a deadline, and sends the stand-in's requests in plain HTTP (msal-network.ts). */
class RequestDeadline implements Middleware {
  private next: Middleware | undefined;
  constructor(
    private readonly timeoutMs: number,
    private readonly rewrite: (url: string) => string,
  ) {}

  async execute(context: Context): Promise<void> {
    context.options = { ...context.options, signal: AbortSignal.timeout(this.timeoutMs) };
    if (typeof context.request === 'string') context.request = this.rewrite(context.request);
    if (this.next === undefined) throw new Error('RequestDeadline must not be last in the chain');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * The official Graph client with the middleware the portal wants: the token source, telemetry,
 * a deadline per request, the fetch itself. The client's RetryHandler and RedirectHandler are
 * left out on purpose: a 429 or 503 leaves at once with its Retry-After (the caller, a Temporal
 * activity, owns the backoff), as the Google client runs with `retry: false`.
 */
export function graphClient(options: { auth: MicrosoftTokenSource; graphUrl?: string; timeoutMs: number; plainHttpHost?: string }): Client {
  const baseUrl = (options.graphUrl ?? GRAPH_URL).replace(/\/+$/, '');
  const host = new URL(baseUrl).hostname;
  return Client.initWithMiddleware({
    middleware: [new AuthenticationHandler(options.auth), new TelemetryHandler(), new RequestDeadline(options.timeoutMs, plainHttpRewrite(options.plainHttpHost)), new HTTPMessageHandler()],
    baseUrl,
    defaultVersion: 'v1.0',
    // The Graph client attaches the token to Microsoft's own hosts only; another (the stand-in) is named here.
    ...(baseUrl === GRAPH_URL ? {} : { customHosts: new Set([host]) }),
  });
}
