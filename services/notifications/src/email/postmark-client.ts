import { ServerClient } from 'postmark';

export interface PostmarkClientOptions {
  token: string;
  /** scheme://host[:port]: Postmark itself, or the local sink. */
  apiUrl: string;
  timeoutSeconds: number;
}

/** postmark.js is configured by scheme flag and host (ClientOptions.Configuration), not by URL. */
export function createPostmarkClient({ token, apiUrl, timeoutSeconds }: PostmarkClientOptions): ServerClient {
  const url = new URL(apiUrl);
  return new ServerClient(token, { useHttps: url.protocol === 'https:', requestHost: url.host, timeout: timeoutSeconds });
}
