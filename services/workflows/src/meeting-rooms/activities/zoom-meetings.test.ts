import { ApplicationFailure } from '@temporalio/activity';
import { startZoomStandIn, type CallRecord, type RunningZoomStandIn, type ZoomMeeting } from '@portal/devstack/zoom-stand-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingIdOf, zoomMeetings } from './zoom-meetings';

const CLIENT = { clientId: 'portal-app', clientSecret: 'portal-app-secret' };
let standIn: RunningZoomStandIn;
beforeAll(async () => {
  standIn = await startZoomStandIn({ port: 0, clients: { [CLIENT.clientId]: CLIENT.clientSecret } });
});
afterAll(() => standIn.close());

const start = '2030-03-14T09:00:00.000Z';
const window = { nbf: Date.parse(start) / 1000 - 600, exp: Date.parse(start) / 1000 + 5_400, start, end: '2030-03-14T09:45:00.000Z' };
let accounts = 0;
function account(clientSecret = CLIENT.clientSecret) {
  const accountId = `account-${(accounts += 1)}`;
  const control = (path: string, init: RequestInit = {}) => fetch(`${standIn.origin}/_stand-in/${accountId}${path}`, { ...init, headers: { 'content-type': 'application/json' } });
  return {
    meetings: zoomMeetings({ apiUrl: standIn.apiUrl, oauthUrl: standIn.oauthUrl, accountId, clientId: CLIENT.clientId, clientSecret, hostUser: 'me', timeoutMs: 2_000 }),
    calls: async () => ((await (await control('/calls')).json()) as CallRecord[]).map((c) => `${c.method} ${c.path.replace(/\?.*$/, '')} ${c.status}`),
    stored: async () => (await (await control('/meetings')).json()) as ZoomMeeting[],
    down: (seconds: number) => control('/outage', { method: 'POST', body: JSON.stringify({ seconds }) }),
  };
}

describe('Zoom meetings', () => {
  it('makes a scheduled meeting at the interview’s own time, naming the room in its agenda, after one token', async () => {
    const { meetings, calls, stored } = account();
    const { url } = await meetings.open('interview-0123456789abcdef01234567', window);
    const [meeting] = await stored();
    expect(url).toBe(meeting?.join_url);
    expect(meetingIdOf(url)).toBe(String(meeting?.id));
    expect(meeting).toMatchObject({ type: 2, start_time: '2030-03-14T09:00:00Z', duration: 45, agenda: 'Interview portal room interview-0123456789abcdef01234567' });
    await meetings.open('interview-another', window);
    expect(await calls()).toEqual(['POST /oauth/token 200', 'POST /v2/users/me/meetings 201', 'POST /v2/users/me/meetings 201']);
  });

  it('asked again after a lost answer, answers the meeting its first attempt made instead of making a second', async () => {
    const { meetings, calls, stored } = account();
    const first = await meetings.open('interview-retried', window);
    const again = await meetings.open('interview-retried', window, { retried: true });
    expect(again).toEqual(first);
    expect(await stored()).toHaveLength(1);
    expect((await calls()).slice(1)).toEqual(['POST /v2/users/me/meetings 201', 'GET /v2/users/me/meetings 200']);
    // A retry whose first attempt never reached Zoom makes the meeting.
    await meetings.open('interview-never-made', window, { retried: true });
    expect(await stored()).toHaveLength(2);
  });

  it('moves the meeting named by its link, finds it by its agenda without one, and makes it again when Zoom lost it', async () => {
    const { meetings, stored } = account();
    const { url } = await meetings.open('interview-moved', window);
    const later = { ...window, start: '2030-03-15T14:00:00.000Z', end: '2030-03-15T14:45:00.000Z' };
    expect(await meetings.move('interview-moved', later, url)).toEqual({ url });
    expect((await stored())[0]?.start_time).toBe('2030-03-15T14:00:00Z');
    expect(await meetings.move('interview-moved', window, null)).toEqual({ url });
    expect((await stored())[0]?.start_time).toBe('2030-03-14T09:00:00Z');

    expect(await meetings.close('interview-moved', url)).toBe('deleted');
    const remade = await meetings.move('interview-moved', later, url);
    expect(remade.url).not.toBe(url);
    expect((await stored()).map((m) => m.join_url)).toEqual([remade.url]);
  });

  it('deletes the meeting once; deleting it again finds it already absent', async () => {
    const { meetings, stored } = account();
    const { url } = await meetings.open('interview-deleted', window);
    expect(await meetings.close('interview-deleted', url)).toBe('deleted');
    expect(await meetings.close('interview-deleted', url)).toBe('already absent');
    expect(await meetings.close('interview-deleted', null)).toBe('already absent');
    expect(await stored()).toEqual([]);
  });

  it('treats Zoom down as transient (the activity retries) and wrong credentials as a refusal shown once', async () => {
    const { meetings, down } = account();
    await down(30);
    const outage = await meetings.open('interview-outage', window).catch((e: unknown) => e);
    expect(outage).toBeInstanceOf(Error);
    expect(outage).not.toBeInstanceOf(ApplicationFailure);
    expect(String(outage)).toContain('503');

    const refused = await account('not-the-secret').meetings.open('interview-refused', window).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect((refused as ApplicationFailure).nonRetryable).toBe(true);
    expect((refused as ApplicationFailure).message).toContain('invalid_client');
  });
});
