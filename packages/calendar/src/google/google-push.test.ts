import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleStandIn, type GoogleStandIn } from '../../testing/google-stand-in';
import { readPushNotification } from './google-calendar';

let google: GoogleStandIn;
let receiver: Server;
let address = '';
const received: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  google = await googleStandIn();
  receiver = createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/google/push`;
});
afterAll(async () => {
  await google.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const until = async (what: () => boolean) => expect.poll(what, { timeout: 3_000, interval: 10 }).toBe(true);
const forChannel = (channelId: string) => received.filter((h) => h['x-goog-channel-id'] === channelId);
const at = (hhmm: string) => new Date(`2031-03-05T${hhmm}:00Z`);

describe('Google calendar: push channels', () => {
  it('opens a channel whose sync and change messages reach the receiver with Google’s headers and the channel’s token', async () => {
    const jane = google.uniqueEmail('jane');
    const client = google.delegated(jane);
    const channel = { channelId: 'channel-jane-1', address, token: 'secret-token-jane-1', ttlSeconds: 3_600 };
    const opened = await client.watch(jane, channel);
    expect(opened.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    await until(() => forChannel('channel-jane-1').length === 1);

    await client.putEvent(jane, { iCalUID: 'push-1@interview-portal', summary: 'Interview', start: at('09:00'), end: at('10:00') });
    await until(() => forChannel('channel-jane-1').length === 2);

    const [sync, change] = forChannel('channel-jane-1').map((headers) => readPushNotification(headers, { channelId: 'channel-jane-1', token: 'secret-token-jane-1' }));
    expect(sync).toMatchObject({ channelId: 'channel-jane-1', resourceId: opened.resourceId, state: 'sync', messageNumber: 1 });
    expect(change).toMatchObject({ channelId: 'channel-jane-1', resourceId: opened.resourceId, state: 'exists', messageNumber: 2 });
    expect(change?.expiresAt?.getTime()).toBeGreaterThan(Date.now());
    expect(forChannel('channel-jane-1')[1]).toMatchObject({ 'x-goog-resource-uri': expect.stringContaining('/calendar/v3/calendars/') });
  });

  it('refuses a message whose token or channel is not the one the portal opened', async () => {
    const headers = { 'x-goog-channel-id': 'channel-x', 'x-goog-channel-token': 'guess', 'x-goog-resource-id': 'r', 'x-goog-resource-state': 'exists', 'x-goog-message-number': '2' };
    expect(readPushNotification(headers, { channelId: 'channel-x', token: 'the-real-token' })).toBeNull();
    expect(readPushNotification(headers, { channelId: 'channel-y', token: 'guess' })).toBeNull();
    expect(readPushNotification({ ...headers, 'x-goog-channel-token': undefined }, { channelId: 'channel-x', token: 'guess' })).toBeNull();
    expect(readPushNotification(headers, { channelId: 'channel-x', token: 'guess' })).toMatchObject({ state: 'exists', messageNumber: 2 });
  });

  it('sends nothing more once the channel is stopped, and stopping it again is done', async () => {
    const kim = google.uniqueEmail('kim');
    const client = google.delegated(kim);
    const opened = await client.watch(kim, { channelId: 'channel-kim-1', address, token: 'secret-token-kim-1' });
    await until(() => forChannel('channel-kim-1').length === 1);
    await client.stopWatch(opened);
    await client.stopWatch(opened);
    await client.putEvent(kim, { iCalUID: 'push-2@interview-portal', summary: 'Interview', start: at('09:00'), end: at('10:00') });
    const deliveries = (await google.control('GET', '/deliveries')) as { channelId: string }[];
    expect(deliveries.filter((d) => d.channelId === 'channel-kim-1')).toHaveLength(1);
    expect((await google.calls()).filter((c) => c.path === '/channels/stop').map((c) => c.status)).toEqual([204, 404]);
  });
});
