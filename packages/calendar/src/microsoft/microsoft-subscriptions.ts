import type { Client } from '@microsoft/microsoft-graph-client';
import type { Subscription } from '@microsoft/microsoft-graph-types';
import { MicrosoftCalendarProblem, statusOf } from './microsoft-problem';

/** The longest life Graph gives a subscription to Outlook events (10,080 minutes), less a margin for the clocks. */
export const MAX_SUBSCRIPTION_SECONDS = 10_070 * 60;

type Attempt = <T>(what: string, work: () => Promise<T>) => Promise<T>;

/** A subscription in the Google module's words: `channelId` is Graph's subscription id, `resourceId` its resource. */
export interface MicrosoftChannel {
  channelId: string;
  resourceId: string;
  expiresAt: Date | null;
}

const expiry = (ttlSeconds: number | undefined) => new Date(Date.now() + Math.min(ttlSeconds ?? MAX_SUBSCRIPTION_SECONDS, MAX_SUBSCRIPTION_SECONDS) * 1000).toISOString();
const expiresAt = (s: Subscription) => (s.expirationDateTime ? new Date(s.expirationDateTime) : null);

/**
 * Change-notification subscriptions on a mailbox's events (Graph's push): create, renew before
 * expiry, delete. Graph checks `address` with the validation handshake before it answers the
 * create (validationAnswer on the receiving side), and every notification carries `token` as
 * its clientState (readChangeNotifications).
 */
export function subscriptionsOf(api: Client, attempt: Attempt) {
  return {
    /** Opens a subscription on the mailbox's events; Graph posts to `address` with `token` as clientState. */
    watch: (calendarId: string, channel: { address: string; token: string; ttlSeconds?: number; lifecycleAddress?: string }) =>
      attempt('open a subscription', async (): Promise<MicrosoftChannel> => {
        const request: Subscription = {
          changeType: 'created,updated,deleted',
          notificationUrl: channel.address,
          resource: `/users/${calendarId}/events`,
          expirationDateTime: expiry(channel.ttlSeconds),
          clientState: channel.token,
          latestSupportedTlsVersion: 'v1_2',
          ...(channel.lifecycleAddress ? { lifecycleNotificationUrl: channel.lifecycleAddress } : {}),
        };
        const created = (await api.api('/subscriptions').post(request)) as Subscription;
        if (!created.id) throw new MicrosoftCalendarProblem('BAD_RESPONSE', 'open a subscription: no id');
        return { channelId: created.id, resourceId: created.resource ?? request.resource ?? '', expiresAt: expiresAt(created) };
      }),

    /** Moves the subscription's expiry on (PATCH); NOT_FOUND when Graph no longer has it: open a new one. */
    renewWatch: (channel: { channelId: string }, ttlSeconds?: number) =>
      attempt('renew a subscription', async () => {
        const renewed = (await api.api(`/subscriptions/${encodeURIComponent(channel.channelId)}`).patch({ expirationDateTime: expiry(ttlSeconds) } satisfies Subscription)) as Subscription;
        return { channelId: channel.channelId, expiresAt: expiresAt(renewed) };
      }),

    /** Deletes the subscription; one Graph no longer has counts as closed. */
    stopWatch: (channel: { channelId: string }) =>
      attempt('close a subscription', async () => {
        try {
          await api.api(`/subscriptions/${encodeURIComponent(channel.channelId)}`).delete();
        } catch (error) {
          if (statusOf(error)?.status !== 404) throw error;
        }
      }),
  };
}
