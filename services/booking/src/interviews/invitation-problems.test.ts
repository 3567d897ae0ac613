import { Writable } from 'node:stream';
import { TRPCError } from '@trpc/server';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '@portal/shared/errors';
import { invitationBody } from './invitation-routes';
import { ApiRefusal, problemOf } from '../http/rest/problem';

function capturingLog() {
  const lines: string[] = [];
  const log = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => void (lines.push(String(chunk)), done()) }));
  return { log, lines };
}

const answer = (error: unknown) => problemOf(error, capturingLog().log, { operationId: 'test' });

function zodErrorOf(schema: z.ZodType, value: unknown): z.ZodError {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error;
}

const invitation = { candidate: { name: 'Ada', email: 'ada@example.test' }, position: 'Engineer', kind: 'technical', interviewerIds: ['demo-grace'] };

describe('REST refusals', () => {
  it('a slot taken by someone else is 409 SLOT_TAKEN, as the procedure refused it', () => {
    const cause = new DomainError('SLOT_TAKEN', 'That time was just taken.');
    expect(answer(new TRPCError({ code: 'CONFLICT', message: cause.message, cause }))).toEqual({
      status: 409,
      body: { error: { code: 'SLOT_TAKEN', message: 'That time was just taken.' } },
    });
  });

  it('a link that is not valid is 401 and a superseded one 403', () => {
    expect(answer(new DomainError('LINK_INVALID', 'This link is not valid.')).status).toBe(401);
    expect(answer(new DomainError('LINK_SUPERSEDED', 'Replaced.')).status).toBe(403);
    expect(answer(new DomainError('NOT_FOUND', 'Interview not found.')).status).toBe(404);
    expect(answer(new DomainError('FEEDBACK_INCOMPLETE', 'Missing.')).status).toBe(412);
    expect(answer(new DomainError('RATE_LIMITED', 'Too many.')).status).toBe(429);
  });

  it("an erased candidate's link is 410 Gone, as the procedure refused it", () => {
    const cause = new DomainError('LINK_ERASED', 'Erased.');
    expect(answer(new TRPCError({ code: 'NOT_FOUND', message: cause.message, cause }))).toEqual({ status: 410, body: { error: { code: 'LINK_ERASED', message: 'Erased.' } } });
  });

  it('a refused body names the nested field at fault', () => {
    const problem = answer(zodErrorOf(invitationBody, { ...invitation, candidate: { ...invitation.candidate, email: 'not an address' } }));
    expect(problem.status).toBe(400);
    expect(problem.body.error.code).toBe('BAD_INPUT');
    expect(problem.body.error.field).toBe('candidate.email');
  });

  it('an input the procedure refused names its field too', () => {
    const cause = zodErrorOf(z.object({ reason: z.string().min(1) }), { reason: '' });
    const problem = answer(new TRPCError({ code: 'BAD_REQUEST', cause }));
    expect(problem).toMatchObject({ status: 400, body: { error: { code: 'BAD_INPUT', field: 'reason' } } });
  });

  it('a domain refusal that names its field passes it on', () => {
    expect(answer(new DomainError('BAD_INPUT', 'cursor: not ours', { field: 'cursor' })).body.error.field).toBe('cursor');
  });

  it('a reused idempotency key is 422 with its own code', () => {
    expect(answer(new ApiRefusal(422, 'IDEMPOTENCY_KEY_REUSED', 'Another body.'))).toMatchObject({
      status: 422,
      body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } },
    });
  });

  it('a database that cannot be reached is 503, not a failure of ours', () => {
    const unreachable = new mongoose.mongo.MongoNetworkError('connect ECONNREFUSED 10.0.0.5:27017');
    const problem = answer(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: unreachable }));
    expect(problem.status).toBe(503);
    expect(JSON.stringify(problem.body)).not.toContain('10.0.0.5');
  });

  it('any other failure is a 500 naming only an id, and the log holds the whole error under that id', () => {
    const { log, lines } = capturingLog();
    const fault = new TypeError("Cannot read properties of undefined (reading 'slot') at /srv/booking/src/secret.ts:12");
    const problem = problemOf(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: fault }), log, { operationId: 'getInterview' });
    expect(problem.status).toBe(500);
    expect(problem.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(problem.body)).not.toMatch(/secret\.ts|Cannot read/);
    const errorId = problem.body.error.errorId ?? '';
    expect(problem.body.error.message).toContain(errorId);
    expect(lines.some((line) => line.includes(errorId) && line.includes('secret.ts'))).toBe(true);
  });
});
