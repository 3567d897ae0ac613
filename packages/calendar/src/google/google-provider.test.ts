import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleStandIn, type GoogleStandIn } from '../../testing/google-stand-in';
import { providerProblem } from '../provider';
import { createGoogleClients, googleProvider } from './google-provider';

let google: GoogleStandIn;
beforeAll(async () => {
  google = await googleStandIn();
});
afterAll(() => google.close());

const at = (hhmm: string) => new Date(`2031-03-07T${hhmm}:00Z`);
const timed = (from: string, to: string) => ({ start: { dateTime: at(from).toISOString() }, end: { dateTime: at(to).toISOString() } });
const window = { from: at('00:00'), to: at('23:59'), zone: 'Europe/London' };
const eventReads = async (calendarId: string) => (await google.calls()).filter((c) => c.path === `/calendars/${encodeURIComponent(calendarId)}/events` && c.method === 'GET').length;

describe('a Google calendar behind the provider interface', () => {
  it('reads the window whole, then answers unchanged from one empty incremental read, and reads whole again after a change', async () => {
    const ann = google.uniqueEmail('ann');
    const provider = googleProvider(google.delegated(ann), ann);
    await google.seed(ann, { summary: 'standup', ...timed('09:00', '09:30') });
    const first = await provider.read(window, null);
    expect(first).toMatchObject({ changed: true, busy: [{ start: at('09:00'), end: at('09:30') }], declined: [], warnings: [] });
    const before = await eventReads(ann);
    const again = await provider.read(window, first.marker);
    expect(again).toEqual({ changed: false, marker: expect.any(String) });
    expect((await eventReads(ann)) - before).toBe(1);
    await google.seed(ann, { summary: 'maybe', status: 'tentative', ...timed('11:00', '12:00') });
    const changed = await provider.read(window, again.marker);
    expect(changed.changed && changed.busy).toEqual([{ start: at('09:00'), end: at('09:30') }, { start: at('11:00'), end: at('12:00') }]);
  });

  it('tells the portal’s own events from the interviewer’s, and names the interviews the owner declined', async () => {
    const ben = google.uniqueEmail('ben');
    const provider = googleProvider(google.delegated(ben), ben);
    await google.seed(ben, { summary: 'their meeting', ...timed('09:00', '10:00') });
    await google.seed(ben, { iCalUID: 'int-7@interview-portal', summary: 'Interview', attendees: [{ email: ben, responseStatus: 'accepted' }], ...timed('13:00', '14:00') });
    await google.seed(ben, { iCalUID: 'int-8@interview-portal', summary: 'Interview', attendees: [{ email: ben, responseStatus: 'declined' }], ...timed('15:00', '16:00') });
    const read = await provider.read(window, null);
    if (!read.changed) throw new Error('a first read is whole');
    expect(read.busy).toEqual([{ start: at('09:00'), end: at('10:00') }, { start: at('13:00'), end: at('14:00') }]);
    expect(read.othersBusy).toEqual([{ start: at('09:00'), end: at('10:00') }]);
    expect(read.declined).toEqual(['int-8']);
  });

  it('reads the window whole when Google says the sync token is spent (410)', async () => {
    const cat = google.uniqueEmail('cat');
    const provider = googleProvider(google.delegated(cat), cat);
    const first = await provider.read(window, null);
    await google.control('POST', `/calendars/${encodeURIComponent(cat)}/invalidate-sync-tokens`);
    await google.seed(cat, { summary: 'new', ...timed('10:00', '11:00') });
    const read = await provider.read(window, first.marker);
    expect(read).toMatchObject({ changed: true, busy: [{ start: at('10:00'), end: at('11:00') }] });
  });

  it('asks free/busy for a claim’s last look, and a refusal leaves as a problem in the common terms', async () => {
    const dan = google.uniqueEmail('dan');
    const provider = googleProvider(google.delegated(dan), dan);
    await google.seed(dan, { summary: 'busy', ...timed('09:00', '10:00') });
    expect(await provider.busyAt({ from: at('09:30'), to: at('10:30'), zone: 'UTC' })).toEqual([{ start: at('09:30'), end: at('10:00') }]);
    await google.control('POST', '/faults', { status: 429, count: 1, retryAfterSeconds: 4, calendarId: dan });
    const error = await provider.busyAt({ from: at('09:30'), to: at('10:30'), zone: 'UTC' }).catch((e: unknown) => e);
    expect(providerProblem(error)).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 4_000 });
    await google.control('POST', '/revocations', { email: dan });
    const revoked = await googleProvider(google.delegated(dan), dan).read(window, null).catch((e: unknown) => e);
    expect(providerProblem(revoked)).toMatchObject({ code: 'AUTH', retryable: false, retryAfterMs: null });
  });

  it('keeps one client per grant, so its access token is reused', () => {
    const clients = createGoogleClients({ rootUrl: google.standIn.rootUrl, tokenUrl: google.standIn.tokenUrl, timeoutMs: 2_000 });
    const grant = { kind: 'delegated' as const, clientEmail: 'sa@x.iam.gserviceaccount.com', privateKey: 'k', subject: 'eve@example.test' };
    expect(clients.clientFor(grant)).toBe(clients.clientFor({ ...grant }));
    expect(clients.clientFor(grant)).not.toBe(clients.clientFor({ ...grant, subject: 'fay@example.test' }));
    const kept = clients.clientFor(grant);
    clients.forget(grant);
    expect(clients.clientFor(grant)).not.toBe(kept);
  });
});
