import { timingSafeEqual } from 'node:crypto';
import type { ChangeNotification, ChangeNotificationCollection } from '@microsoft/microsoft-graph-types';

/**
 * The subscription handshake: before Graph creates a subscription (and when it renews one that
 * asks again) it POSTs to the notification URL with `?validationToken=…`; the receiver has 10
 * seconds to answer 200 with the token, decoded, as `text/plain`. The answer to send, or null when
 * the request is no handshake (then it is a notification: readChangeNotifications).
 */
export function validationAnswer(query: URLSearchParams | Record<string, unknown>): { status: 200; contentType: 'text/plain; charset=utf-8'; body: string } | null {
  const raw = query instanceof URLSearchParams ? query.get('validationToken') : query.validationToken;
  const token = Array.isArray(raw) ? raw[0] : raw;
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: token };
}

/** A change to a watched calendar's events: read the calendar again (delta) to learn what. */
export interface MicrosoftChange {
  subscriptionId: string;
  changeType: 'created' | 'updated' | 'deleted';
  /** Graph's resource path, `Users/{user-id}/Events/{event-id}`. */
  resource: string;
  eventId: string | null;
  tenantId: string | null;
  subscriptionExpiresAt: Date | null;
}

/** A lifecycle notification: the subscription needs attention (renew, re-create, or read everything again). */
export interface MicrosoftLifecycleNotice {
  subscriptionId: string;
  lifecycleEvent: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
}

export interface ChangeNotificationsRead {
  changes: MicrosoftChange[];
  lifecycle: MicrosoftLifecycleNotice[];
  /** Notifications dropped: unknown subscription, wrong or missing clientState, unreadable. */
  refused: number;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const CHANGE_TYPES = ['created', 'updated', 'deleted'] as const;
const LIFECYCLE = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'] as const;

function changeOf(n: ChangeNotification, subscriptionId: string): MicrosoftChange | null {
  const changeType = CHANGE_TYPES.find((t) => t === n.changeType);
  if (changeType === undefined || typeof n.resource !== 'string') return null;
  const id = (n.resourceData as { id?: unknown } | null | undefined)?.id;
  const expires = n.subscriptionExpirationDateTime ? new Date(n.subscriptionExpirationDateTime) : null;
  return {
    subscriptionId,
    changeType,
    resource: n.resource,
    eventId: typeof id === 'string' ? id : null,
    tenantId: n.tenantId ?? null,
    subscriptionExpiresAt: expires && !Number.isNaN(expires.getTime()) ? expires : null,
  };
}

/**
 * The notifications of one POST (`{ value: [...] }`) that carry the clientState the portal gave
 * their subscription, compared in constant time: anyone can POST to the address, only Graph
 * knows the clientState. `clientStateOf` answers the subscription's clientState, or null for one
 * the portal does not know. Answer the POST 202 at once (Graph wants an answer within 3 seconds)
 * and read the calendar afterwards.
 */
export function readChangeNotifications(body: unknown, clientStateOf: (subscriptionId: string) => string | null): ChangeNotificationsRead {
  let parsed: unknown = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      parsed = JSON.parse(body.toString());
    } catch {
      return { changes: [], lifecycle: [], refused: 1 };
    }
  }
  const value = (parsed as ChangeNotificationCollection | null)?.value;
  const read: ChangeNotificationsRead = { changes: [], lifecycle: [], refused: 0 };
  if (!Array.isArray(value)) return { ...read, refused: 1 };
  for (const notification of value) {
    const subscriptionId = notification.subscriptionId;
    const expected = typeof subscriptionId === 'string' ? clientStateOf(subscriptionId) : null;
    const given = notification.clientState;
    if (subscriptionId === undefined || expected === null || typeof given !== 'string' || !sameSecret(given, expected)) {
      read.refused += 1;
      continue;
    }
    const lifecycleEvent = LIFECYCLE.find((e) => e === notification.lifecycleEvent);
    if (lifecycleEvent !== undefined) {
      read.lifecycle.push({ subscriptionId, lifecycleEvent });
      continue;
    }
    const change = changeOf(notification, subscriptionId);
    if (change === null) read.refused += 1;
    else read.changes.push(change);
  }
  return read;
}
