import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsoftStandIn, type MicrosoftStandIn } from '../../testing/microsoft-stand-in';
import { readChangeNotifications, validationAnswer, type MicrosoftChange } from './microsoft-calendar';

let ms: MicrosoftStandIn;
let receiver: Server;
let address = '';
const clientStates = new Map<string, string>();
const received: MicrosoftChange[] = [];
let refused = 0;
let handshakes = 0;

/** The portal's receiving end as it will be: the handshake answered, notifications read and checked. */
beforeAll(async () => {
  ms = await microsoftStandIn();
  receiver = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    const answer = validationAnswer(url.searchParams);
    if (answer !== null) {
      handshakes += 1;
      res.writeHead(url.pathname === '/wrong' ? 200 : answer.status, { 'content-type': answer.contentType }).end(url.pathname === '/wrong' ? 'not the token' : answer.body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const read = readChangeNotifications(Buffer.concat(chunks).toString('utf8'), (id) => clientStates.get(id) ?? null);
      received.push(...read.changes);
      refused += read.refused;
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/microsoft/notifications`;
});
afterAll(async () => {
  await ms.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const at = (hhmm: string) => new Date(`2031-03-05T${hhmm}:00Z`);
const until = async (what: () => boolean) => expect.poll(what, { timeout: 3_000, interval: 10 }).toBe(true);

describe('Microsoft 365 calendar: change-notification subscriptions', () => {
  it('is created only after the handshake, and each change reaches the receiver with the clientState', async () => {
    const jane = ms.uniqueEmail('jane');
    const client = ms.appOnly();
    const before = handshakes;
    const channel = await client.watch(jane, { address, token: 'client-state-jane-1', ttlSeconds: 3_600 });
    clientStates.set(channel.channelId, 'client-state-jane-1');
    expect(handshakes).toBe(before + 1);
    expect(channel.resourceId).toBe(`/users/${jane}/events`);
    expect(channel.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 3_500_000);

    const { eventId } = await client.putEvent(jane, { iCalUID: 'push-1@interview-portal', summary: 'Interview', start: at('09:00'), end: at('10:00') });
    await client.deleteEvent(jane, 'push-1@interview-portal');
    await until(() => received.filter((c) => c.subscriptionId === channel.channelId).length === 2);
    expect(received.filter((c) => c.subscriptionId === channel.channelId).map((c) => [c.changeType, c.eventId])).toEqual([
      ['created', eventId],
      ['deleted', eventId],
    ]);
    expect(received.find((c) => c.subscriptionId === channel.channelId)).toMatchObject({ resource: expect.stringMatching(/^Users\/[0-9a-f-]{36}\/Events\//), tenantId: ms.app.tenantId });

    const renewed = await client.renewWatch(channel, 7_200);
    expect(renewed.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 7_100_000);
  });

  it('refuses a notification whose clientState is wrong or missing, or whose subscription the portal does not know', () => {
    clientStates.set('sub-x', 'the-real-state');
    const notification = (subscriptionId: string, clientState?: string) => ({ subscriptionId, clientState, changeType: 'updated', resource: 'Users/u/Events/e', resourceData: { id: 'e' }, tenantId: 't' });
    const read = readChangeNotifications({ value: [notification('sub-x', 'guess'), notification('sub-x'), notification('sub-unknown', 'the-real-state'), notification('sub-x', 'the-real-state')] }, (id) => clientStates.get(id) ?? null);
    expect(read.refused).toBe(3);
    expect(read.changes).toEqual([expect.objectContaining({ subscriptionId: 'sub-x', changeType: 'updated', eventId: 'e' })]);
    expect(readChangeNotifications('not json', () => 'x')).toMatchObject({ changes: [], refused: 1 });
    expect(validationAnswer(new URLSearchParams('validationToken=Validation%3A%20Testing%20client'))).toMatchObject({ status: 200, body: 'Validation: Testing client' });
    expect(validationAnswer(new URLSearchParams(''))).toBeNull();
    expect(refused).toBe(0);
  });

  it('is not created when the receiver fails the handshake (REFUSED), and sends nothing after it is deleted', async () => {
    const kim = ms.uniqueEmail('kim');
    const client = ms.appOnly();
    const wrong = address.replace('/microsoft/notifications', '/wrong');
    expect(await client.watch(kim, { address: wrong, token: 'state-kim-0' }).catch((e: unknown) => e)).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('ValidationError') });

    const channel = await client.watch(kim, { address, token: 'state-kim-1' });
    clientStates.set(channel.channelId, 'state-kim-1');
    await client.stopWatch(channel);
    await client.stopWatch(channel);
    await client.putEvent(kim, { iCalUID: 'push-2@interview-portal', summary: 'Interview', start: at('09:00'), end: at('10:00') });
    const deliveries = await ms.deliveries();
    expect(deliveries.filter((d) => d.subscriptionId === channel.channelId).map((d) => d.kind)).toEqual(['validation']);
    expect((await ms.calls()).filter((c) => c.path === `/subscriptions/${channel.channelId}`).map((c) => c.status)).toEqual([204, 404]);
  });
});
