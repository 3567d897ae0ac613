import { createHash } from 'node:crypto';
import type { calendar_v3 } from '@googleapis/calendar';
import { GoogleApiError, invalid, notFound, required } from './google-errors';

interface Channel {
  id: string;
  resourceId: string;
  resourceUri: string;
  calendarId: string;
  address: string;
  token: string | null;
  expiration: number;
  messages: number;
}

export interface Delivery {
  channelId: string;
  /** The calendar whose change it tells of. */
  calendarId: string;
  state: 'sync' | 'exists';
  messageNumber: number;
  status: number | null;
}

/** Google's default and longest life of an events channel: a week. */
const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * events.watch and channels.stop, and the notifications themselves (the push guide): a `sync`
 * message as soon as a channel opens, then `exists` on every change to the calendar's events, each
 * a bodiless POST to the channel's address carrying X-Goog-Channel-ID, X-Goog-Channel-Token (when
 * the channel has one), X-Goog-Channel-Expiration, X-Goog-Resource-ID, X-Goog-Resource-URI,
 * X-Goog-Resource-State and X-Goog-Message-Number. Unlike Google, an http address is accepted
 * (local receivers) and a failed delivery is not retried.
 */
export function pushChannels() {
  const channels = new Map<string, Channel>();
  const deliveries: Delivery[] = [];

  function deliver(channel: Channel, state: 'sync' | 'exists'): void {
    channel.messages += 1;
    const record: Delivery = { channelId: channel.id, calendarId: channel.calendarId, state, messageNumber: channel.messages, status: null };
    deliveries.push(record);
    const headers: Record<string, string> = {
      'x-goog-channel-id': channel.id,
      'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': channel.resourceUri,
      'x-goog-resource-state': state,
      'x-goog-message-number': String(channel.messages),
      ...(channel.token === null ? {} : { 'x-goog-channel-token': channel.token }),
    };
    fetch(channel.address, { method: 'POST', headers, signal: AbortSignal.timeout(5_000) }).then(
      (response) => {
        record.status = response.status;
      },
      () => {
        record.status = 0;
      },
    );
  }

  return {
    deliveries: () => deliveries,
    watch(calendarId: string, resourceUri: string, body: calendar_v3.Schema$Channel): calendar_v3.Schema$Channel {
      if (typeof body.id !== 'string' || body.id.length === 0) throw required('id');
      if (body.id.length > 64) throw invalid('Channel id too long (64 characters at most).');
      if (body.type !== 'web_hook' && body.type !== 'webhook') throw invalid(`Invalid value for type: ${String(body.type)}`);
      if (typeof body.address !== 'string' || !/^https?:\/\//.test(body.address)) throw required('address');
      if (channels.has(body.id)) throw new GoogleApiError(400, 'channelIdNotUnique', `Channel id ${body.id} not unique`);
      const requested = body.expiration ? Number(body.expiration) : Date.now() + WEEK_MS;
      const channel: Channel = {
        id: body.id,
        resourceId: createHash('sha256').update(`events:${calendarId}`).digest('base64url').slice(0, 27),
        resourceUri,
        calendarId,
        address: body.address,
        token: body.token ?? null,
        expiration: Math.min(Number.isFinite(requested) ? requested : Date.now() + WEEK_MS, Date.now() + WEEK_MS),
        messages: 0,
      };
      channels.set(channel.id, channel);
      deliver(channel, 'sync');
      return { kind: 'api#channel', id: channel.id, resourceId: channel.resourceId, resourceUri, token: channel.token, expiration: String(channel.expiration) };
    },
    stop(body: calendar_v3.Schema$Channel): void {
      const channel = typeof body.id === 'string' ? channels.get(body.id) : undefined;
      if (channel === undefined || channel.resourceId !== body.resourceId) throw notFound();
      channels.delete(channel.id);
    },
    changed(calendarId: string): void {
      for (const channel of channels.values()) {
        if (channel.calendarId !== calendarId) continue;
        if (channel.expiration <= Date.now()) channels.delete(channel.id);
        else deliver(channel, 'exists');
      }
    },
  };
}
