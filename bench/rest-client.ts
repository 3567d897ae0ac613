/** One call to the REST API (`/api/v1`) with a bearer credential; a refusal throws its `error` object. */
export function restClient(bookingUrl: string) {
  return async function rest<T>(method: string, path: string, bearer: string, body?: unknown): Promise<T> {
    const response = await fetch(`${bookingUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
}
