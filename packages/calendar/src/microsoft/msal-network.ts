import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/;

/**
 * Both official clients insist on https: MSAL refuses an authority that is not (authority_uri_insecure)
 * and the Graph client attaches the bearer token to https hosts only. The local stand-in speaks
 * plain HTTP on a loopback port, so a client pointed at it names it `https://127.0.0.1:port` and
 * sends those requests, and only those, in plain HTTP. Anything but a loopback host is refused:
 * the portal never talks to Microsoft in the clear.
 */
export function plainHttpRewrite(host: string | undefined): (url: string) => string {
  if (host === undefined) return (url) => url;
  if (!LOOPBACK.test(host)) throw new Error(`plainHttpHost must be a loopback host and port, not ${host}`);
  const secure = `https://${host}/`;
  return (url) => (url.startsWith(secure) ? `http://${host}/${url.slice(secure.length)}` : url);
}

/**
 * MSAL's transport, through fetch as MSAL's own is, with two differences: every request, the token
 * POST included, gives up after `timeoutMs` (MSAL's own has no deadline on POST), and a loopback
 * stand-in is reached in plain HTTP (plainHttpRewrite).
 */
export function msalNetwork(options: { timeoutMs: number; plainHttpHost?: string }): INetworkModule {
  const rewrite = plainHttpRewrite(options.plainHttpHost);
  async function send<T>(method: 'GET' | 'POST', url: string, request: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> {
    let response: Response;
    try {
      response = await fetch(rewrite(url), {
        method,
        headers: request?.headers ?? {},
        ...(method === 'POST' ? { body: request?.body ?? '' } : {}),
        signal: AbortSignal.timeout(Math.min(timeout ?? options.timeoutMs, options.timeoutMs)),
      });
    } catch (error) {
      // MSAL turns anything but its own AuthError into a bare network_error; this keeps "timeout" apart.
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new AuthError('network_error', request?.correlationId ?? '', timedOut ? 'Request timeout' : 'Network request failed');
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const text = await response.text();
    let body: unknown = {};
    try {
      body = text.length > 0 ? JSON.parse(text) : {};
    } catch {
      // An answer that is not JSON (a proxy's page): MSAL sees an empty body and the status.
    }
    return { headers, body: body as T, status: response.status };
  }
  return {
    sendGetRequestAsync: <T>(url: string, request?: NetworkRequestOptions, timeout?: number) => send<T>('GET', url, request, timeout),
    sendPostRequestAsync: <T>(url: string, request?: NetworkRequestOptions) => send<T>('POST', url, request),
  };
}
