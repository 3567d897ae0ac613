import { describe, expect, it } from 'vitest';
import { DomainError } from '@portal/shared/errors';
import type { Caller } from './caller';
import { interviewerRoutes } from './interviewers';

const replace = interviewerRoutes.find((route) => route.operationId === 'replaceInterviewer');
const fields = { name: 'Grace Hopper', email: 'grace@example.test', timezone: 'Europe/Paris', weekly: [], overrides: [], timeOff: [], bufferBeforeMinutes: 0, bufferAfterMinutes: 0, maxPerDay: 4, active: true };

/** The procedures the route calls, over a list of interviewers; every save is recorded. */
function callerWith(ids: string[]) {
  const saved: unknown[] = [];
  const caller = {
    hr: {
      interviewers: {
        list: async () => ids.map((id) => ({ ...fields, id, bookedNext14Days: 0 })),
        upsert: async (input: { id: string }) => (saved.push(input), { ...fields, ...input, bookedNext14Days: 0 }),
      },
    },
  } as unknown as Caller;
  return { caller, saved };
}

describe('PUT /interviewers/{id}', () => {
  it('an unknown id is NOT_FOUND (404) and saves nothing: creation is POST', async () => {
    const { caller, saved } = callerWith(['demo-grace']);
    const answer = replace?.run({ params: { id: 'nobody-here' }, query: {}, body: fields, caller, token: '' });
    await expect(answer).rejects.toThrow(DomainError);
    await expect(answer).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(saved).toEqual([]);
    expect(replace?.refusals).toContain(404);
  });

  it('a known id is replaced', async () => {
    const { caller, saved } = callerWith(['demo-grace']);
    await expect(replace?.run({ params: { id: 'demo-grace' }, query: {}, body: { ...fields, maxPerDay: 2 }, caller, token: '' })).resolves.toMatchObject({ id: 'demo-grace', maxPerDay: 2 });
    expect(saved).toEqual([{ ...fields, maxPerDay: 2, id: 'demo-grace' }]);
  });
});
