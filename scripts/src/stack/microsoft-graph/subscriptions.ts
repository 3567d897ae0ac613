import { randomUUID } from 'node:crypto';
import type { ChangeNotification, ChangeNotificationCollection, Subscription } from '@microsoft/microsoft-graph-types';
import { badRequest, GraphApiError } from './graph-errors';
import type { ChangeType } from './mailbox-store';

/** Graph's longest life for a subscription to Outlook events: 10,080 minutes. */
const MAX_MINUTES = 10_080;
const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
const RESOURCE = /^\/?(?:users\/([^/]+)|me)\/events$/i;

interface Held extends Subscription {
  id: string;
  mailbox: string;
  changeTypes: Set<string>;
}

export interface Delivery {
  subscriptionId: string;
  kind: 'validation' | 'notification';
  changeType: string | null;
  status: number | null;
}

const notFound = () => new GraphApiError(404, 'ResourceNotFound', 'The object was not found.');

/**
 * Change-notification subscriptions on mailboxes' events ("Set up notifications for changes in
 * resource data"): a create is answered only after the validation handshake, a POST to the
 * notification URL with `?validationToken=` that must answer 200 with the token as text/plain
 * within 10 seconds (else 400 ValidationError and no subscription); then every change to the
 * mailbox's events POSTs `{ value: [changeNotification] }` carrying the subscription's clientState.
 */
export function subscriptions(options: { tenantOf(email: string): string | null; userIdOf(email: string): string; applicationId: string }) {
  const held = new Map<string, Held>();
  const deliveries: Delivery[] = [];

  async function handshake(subscriptionId: string, url: string): Promise<boolean> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const record: Delivery = { subscriptionId, kind: 'validation', changeType: null, status: null };
    deliveries.push(record);
    try {
      const target = new URL(url);
      target.searchParams.set('validationToken', token);
      const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, signal: AbortSignal.timeout(10_000) });
      record.status = response.status;
      return response.status === 200 && (await response.text()) === token;
    } catch {
      record.status = 0;
      return false;
    }
  }

  const view = ({ mailbox: _m, changeTypes: _c, ...subscription }: Held): Subscription => subscription;
  const existing = (id: string): Held => {
    const found = held.get(id);
    if (found === undefined || Date.parse(found.expirationDateTime ?? '') <= Date.now()) throw notFound();
    return found;
  };

  function expiry(value: unknown): string {
    const at = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(at)) throw badRequest('expirationDateTime is required.', 'InvalidRequest');
    if (at <= Date.now()) throw badRequest('Subscription expiration must be in the future.', 'InvalidRequest');
    if (at > Date.now() + MAX_MINUTES * 60_000) throw badRequest(`Subscription expiration can only be ${MAX_MINUTES} minutes in the future.`, 'InvalidRequest');
    return new Date(at).toISOString();
  }

  return {
    deliveries: () => deliveries,
    async create(body: Subscription, creator: { email: string | null; canRead(mailbox: string): boolean }): Promise<{ status: number; body: Subscription }> {
      const changeTypes = new Set(String(body.changeType ?? '').split(',').map((t) => t.trim()));
      if (changeTypes.size === 0 || [...changeTypes].some((t) => !CHANGE_TYPES.has(t))) throw badRequest(`Invalid changeType: ${String(body.changeType)}`, 'InvalidRequest');
      if (typeof body.notificationUrl !== 'string' || !/^https?:\/\//.test(body.notificationUrl)) throw badRequest('notificationUrl must be an https URL.', 'InvalidRequest');
      if (typeof body.clientState === 'string' && body.clientState.length > 128) throw badRequest('clientState can be at most 128 characters.', 'InvalidRequest');
      const match = RESOURCE.exec(body.resource ?? '');
      const mailbox = match === null ? null : match[1] === undefined ? creator.email : decodeURIComponent(match[1]).toLowerCase();
      if (mailbox === null) throw badRequest(`Resource '${String(body.resource)}' is not supported.`, 'ExtensionError');
      if (!creator.canRead(mailbox)) throw new GraphApiError(403, 'ExtensionError', 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied. Check credentials and try again.]');
      const expirationDateTime = expiry(body.expirationDateTime);
      const id = randomUUID();
      for (const url of [body.notificationUrl, body.lifecycleNotificationUrl].filter((u): u is string => typeof u === 'string')) {
        if (!(await handshake(id, url))) throw badRequest('Subscription validation request failed. Response must exactly match validationToken query parameter.', 'ValidationError');
      }
      const subscription: Held = {
        id,
        resource: body.resource ?? '',
        applicationId: options.applicationId,
        changeType: [...changeTypes].join(','),
        clientState: body.clientState ?? null,
        notificationUrl: body.notificationUrl,
        lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? null,
        expirationDateTime,
        creatorId: creator.email === null ? options.applicationId : options.userIdOf(creator.email),
        includeResourceData: false,
        latestSupportedTlsVersion: body.latestSupportedTlsVersion ?? 'v1_2',
        encryptionCertificate: null,
        encryptionCertificateId: null,
        notificationQueryOptions: null,
        mailbox,
        changeTypes,
      };
      held.set(id, subscription);
      return { status: 201, body: view(subscription) };
    },
    get: (id: string): Subscription => view(existing(id)),
    renew(id: string, body: Subscription): Subscription {
      const subscription = existing(id);
      subscription.expirationDateTime = expiry(body.expirationDateTime);
      return view(subscription);
    },
    remove(id: string): void {
      existing(id);
      held.delete(id);
    },
    /** A change to a mailbox's event: one notification to each live subscription on that mailbox that asked for the change's type. */
    changed(mailbox: string, eventId: string, changeType: ChangeType): void {
      for (const subscription of held.values()) {
        if (subscription.mailbox !== mailbox || !subscription.changeTypes.has(changeType)) continue;
        if (Date.parse(subscription.expirationDateTime ?? '') <= Date.now()) {
          held.delete(subscription.id);
          continue;
        }
        const resource = `Users/${options.userIdOf(mailbox)}/Events/${eventId}`;
        const notification: ChangeNotification = {
          subscriptionId: subscription.id,
          subscriptionExpirationDateTime: subscription.expirationDateTime ?? '',
          changeType,
          resource,
          resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': resource, '@odata.etag': `W/"${randomUUID()}"`, id: eventId } as ChangeNotification['resourceData'],
          clientState: subscription.clientState ?? null,
          tenantId: options.tenantOf(mailbox) ?? '',
        };
        const record: Delivery = { subscriptionId: subscription.id, kind: 'notification', changeType, status: null };
        deliveries.push(record);
        const body: ChangeNotificationCollection = { value: [notification] };
        fetch(subscription.notificationUrl ?? '', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body), signal: AbortSignal.timeout(3_000) }).then(
          (response) => {
            record.status = response.status;
          },
          () => {
            record.status = 0;
          },
        );
      }
    },
  };
}

export type Subscriptions = ReturnType<typeof subscriptions>;
