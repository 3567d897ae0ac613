import { timingSafeEqual } from 'node:crypto';

/** A Google push notification, read from its headers (the push guide's X-Goog-* set). */
export interface GooglePush {
  channelId: string;
  resourceId: string;
  /** `sync`: the channel just opened; `exists`: something in the calendar changed; `not_exists`: the resource is gone. */
  state: 'sync' | 'exists' | 'not_exists';
  messageNumber: number;
  expiresAt: Date | null;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The notification when it is for the channel the portal opened and carries that channel's token,
 * else null: anyone can POST to the receiving address, and only the token (chosen by the portal,
 * never sent anywhere but in the watch request) tells Google's messages from others'.
 */
export function readPushNotification(headers: HeaderSource, expected: { channelId: string; token: string }): GooglePush | null {
  const channelId = header(headers, 'x-goog-channel-id');
  const token = header(headers, 'x-goog-channel-token');
  const resourceId = header(headers, 'x-goog-resource-id');
  const state = header(headers, 'x-goog-resource-state');
  const messageNumber = Number(header(headers, 'x-goog-message-number'));
  if (channelId !== expected.channelId || token === null || !sameSecret(token, expected.token)) return null;
  if (resourceId === null || (state !== 'sync' && state !== 'exists' && state !== 'not_exists') || !Number.isInteger(messageNumber)) return null;
  const expiration = header(headers, 'x-goog-channel-expiration');
  const expiresAt = expiration === null ? null : new Date(expiration);
  return { channelId, resourceId, state, messageNumber, expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : null };
}
