import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

/**
 * The official client, its requests sent to `apiBaseUrl` instead of Twilio's hosts when that is not
 * Twilio (the sink in development and tests). The library builds each URI from its own domain, edge
 * and region; a custom `httpClient` is its documented way to change how requests go out.
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly base: string,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  override request<T>(options: RequestClient.RequestOptions<T>) {
    const uri = options.uri.replace(/^https:\/\/[^/]+/, this.base);
    return super.request<T>({ ...options, uri });
  }
}

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  timeoutMs: number;
}

export type TwilioClient = ReturnType<typeof twilio>;

export function createTwilioClient({ accountSid, authToken, apiBaseUrl, timeoutMs }: TwilioClientOptions): TwilioClient {
  const base = apiBaseUrl.replace(/\/$/, '');
  const isTwilio = /^https:\/\/([a-z0-9-]+\.)*twilio\.com$/.test(base);
  const httpClient = isTwilio ? new twilio.RequestClient({ timeout: timeoutMs }) : new BaseUrlRequestClient(base, { timeout: timeoutMs });
  // Temporal retries a failed send; the library's own retries would hide how long an attempt took.
  return twilio(accountSid, authToken, { httpClient, autoRetry: false });
}
