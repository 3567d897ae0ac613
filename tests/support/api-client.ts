/** A minimal tRPC-over-HTTP caller: tests exercise the same wire format the web app uses. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly domainCode: string | null,
    readonly httpStatus: number,
    readonly zodError: unknown,
  ) {
    super(message);
  }
}

interface TrpcEnvelope {
  result?: { data: unknown };
  error?: { message: string; data?: { code?: string; domainCode?: string | null; zodError?: unknown; httpStatus?: number } };
}

export function createApiClient(baseUrl: string, cookie?: { value?: string }) {
  async function call<T>(kind: 'query' | 'mutation', path: string, input?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (cookie?.value) headers.cookie = cookie.value;
    const url =
      kind === 'query'
        ? `${baseUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
        : `${baseUrl}/trpc/${path}`;
    const response = await fetch(url, {
      method: kind === 'query' ? 'GET' : 'POST',
      headers,
      body: kind === 'mutation' ? JSON.stringify(input ?? null) : undefined,
    });
    const setCookie = response.headers.get('set-cookie');
    if (cookie && setCookie) cookie.value = setCookie.split(';')[0];
    const body = (await response.json()) as TrpcEnvelope;
    if (body.error) {
      const data = body.error.data ?? {};
      throw new ApiError(body.error.message, data.code ?? 'UNKNOWN', data.domainCode ?? null, response.status, data.zodError);
    }
    return body.result?.data as T;
  }
  return {
    query: <T = unknown>(path: string, input?: unknown) => call<T>('query', path, input),
    mutation: <T = unknown>(path: string, input?: unknown) => call<T>('mutation', path, input),
    /** A client that keeps the HR session cookie between calls. */
    withSession: () => createApiClient(baseUrl, {}),
  };
}
