import { ApiError, type createApiClient } from './api-client';

type Api = ReturnType<typeof createApiClient>;

export interface RaceTally {
  attempted: number;
  won: number;
  /** Answered SLOT_TAKEN. */
  taken: number;
  /** No answer at all: the API died while the call was in it. */
  lost: number;
  /** Any other refusal, by its message (a correct portal gives none). */
  refused: string[];
}

export interface SplitRace {
  /** What each API answered, in the order the APIs were given. */
  tallies: [RaceTally, RaceTally];
  /** Indexes of the tokens whose booking was answered with success. */
  winners: number[];
  /** Calls the first API had answered when `atFirstAnswer` ran. */
  firstAnsweredBefore: number;
}

const emptyTally = (): RaceTally => ({ attempted: 0, won: 0, taken: 0, lost: 0, refused: [] });

/**
 * Books `tokens[i]` at `starts[i % starts.length]`, all at once. The calls for each start go
 * through both APIs: the first `starts.length` through the first API, the next through the
 * second, and so on. `atFirstAnswer` runs as soon as any call is answered (to kill an API mid-race).
 */
export async function splitRace(apis: [Api, Api], tokens: string[], starts: string[], atFirstAnswer?: () => Promise<void>): Promise<SplitRace> {
  const side = (i: number) => Math.floor(i / starts.length) % 2;
  const answered = new Set<number>();
  const calls = tokens.map((token, i) => {
    const call = apis[side(i)]?.mutation('candidate.book', { token, start: starts[i % starts.length] }) ?? Promise.reject(new Error('no API'));
    void call.then(() => answered.add(i), () => answered.add(i));
    return call;
  });
  await Promise.race(calls.map((call) => call.catch(() => undefined)));
  const firstAnsweredBefore = [...answered].filter((i) => side(i) === 0).length;
  await atFirstAnswer?.();

  const tallies: [RaceTally, RaceTally] = [emptyTally(), emptyTally()];
  const winners: number[] = [];
  (await Promise.allSettled(calls)).forEach((answer, i) => {
    const tally = tallies[side(i)] ?? emptyTally();
    tally.attempted += 1;
    if (answer.status === 'fulfilled') {
      tally.won += 1;
      winners.push(i);
    } else if (!(answer.reason instanceof ApiError)) tally.lost += 1;
    else if (answer.reason.domainCode === 'SLOT_TAKEN') tally.taken += 1;
    else tally.refused.push(`${answer.reason.domainCode ?? answer.reason.code}: ${answer.reason.message}`);
  });
  return { tallies, winners, firstAnsweredBefore };
}
