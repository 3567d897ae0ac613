/** A plain HTTP caller of the REST API v1: the wire format an ATS uses, credentials given per call. */
export interface RestAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RestCall {
  bearer?: string;
  cookie?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ProblemAnswer {
  error: { code: string; message: string; field?: string; errorId?: string };
}

export function createRestClient(bookingUrl: string) {
  return async function rest<T = unknown>(method: string, path: string, call: RestCall = {}): Promise<RestAnswer<T>> {
    const headers: Record<string, string> = { ...call.headers };
    if (call.bearer !== undefined) headers.authorization = `Bearer ${call.bearer}`;
    if (call.cookie !== undefined) headers.cookie = call.cookie;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${bookingUrl}/api/v1${path}`, {
      method: method.toUpperCase(),
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, body: (type.includes('json') ? JSON.parse(text) : text) as T };
  };
}

export type RestClient = ReturnType<typeof createRestClient>;
