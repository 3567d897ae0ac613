import { ApplicationFailure } from '@temporalio/activity';
import { startDailyStandIn, type CallRecord, type RunningDailyStandIn } from '@portal/devstack/daily-stand-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyRooms } from './daily-rooms';

let standIn: RunningDailyStandIn;
beforeAll(async () => {
  standIn = await startDailyStandIn({ port: 0 });
});
afterAll(() => standIn.close());

const window = { nbf: 1_900_000_000, exp: 1_900_003_600 };
let accounts = 0;
function account() {
  const apiKey = `key-${(accounts += 1)}`;
  const control = (path: string, init: RequestInit = {}) =>
    fetch(`${standIn.origin}/_stand-in${path}`, { ...init, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } });
  return {
    rooms: dailyRooms({ baseUrl: standIn.apiUrl, apiKey, timeoutMs: 2_000 }),
    calls: async () => (await (await control('/calls')).json()) as CallRecord[],
    down: (seconds: number) => control('/outage', { method: 'POST', body: JSON.stringify({ seconds }) }),
  };
}

describe('Daily rooms', () => {
  it('creates a room and, asked again after a lost answer, answers the same room instead of failing', async () => {
    const { rooms, calls } = account();
    const first = await rooms.open('interview-0123456789abcdef01234567', window);
    expect(first.url).toBe(`${standIn.origin}/meet/interview-0123456789abcdef01234567`);
    expect(await rooms.open('interview-0123456789abcdef01234567', window)).toEqual(first);
    expect((await calls()).map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /rooms 200',
      'POST /rooms 400',
      'GET /rooms/interview-0123456789abcdef01234567 200',
    ]);
  });

  it('moves a room’s window, and creates it again when the provider no longer has it', async () => {
    const { rooms, calls } = account();
    await rooms.open('interview-a', window);
    await rooms.move('interview-a', { nbf: 1_900_100_000, exp: 1_900_103_600 });
    const again = await rooms.move('interview-b', window);
    expect(again.url).toContain('/meet/interview-b');
    expect((await calls()).map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /rooms 200',
      'POST /rooms/interview-a 200',
      'POST /rooms/interview-b 404',
      'POST /rooms 200',
    ]);
  });

  it('deletes a room once; deleting it again finds it already absent', async () => {
    const { rooms } = account();
    await rooms.open('interview-c', window);
    expect(await rooms.close('interview-c')).toBe('deleted');
    expect(await rooms.close('interview-c')).toBe('already absent');
  });

  it('treats the provider down as transient (the activity retries) and a missing key as a refusal', async () => {
    const { rooms, down } = account();
    await down(30);
    const error = await rooms.open('interview-d', window).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect(String(error)).toMatch(/503/);
    const keyless = dailyRooms({ baseUrl: standIn.apiUrl, apiKey: '', timeoutMs: 2_000 });
    const refused = await keyless.open('interview-e', window).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect((refused as ApplicationFailure).nonRetryable).toBe(true);
    expect((refused as ApplicationFailure).type).toBe('MEETING_PROVIDER_REFUSED');
  });
});
