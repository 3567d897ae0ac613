import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { z } from 'zod';
import { DomainError, type DomainErrorCode } from '@portal/shared/errors';
import type { Context } from './context';
import { readSession } from './auth/sessions';

const TRPC_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  ILLEGAL_TRANSITION: 'CONFLICT',
  LINK_INVALID: 'UNAUTHORIZED',
  LINK_EXPIRED: 'UNAUTHORIZED',
  LINK_SUPERSEDED: 'FORBIDDEN',
  INTERVIEW_CANCELLED: 'CONFLICT',
  SLOT_TAKEN: 'CONFLICT',
  SLOT_UNAVAILABLE: 'BAD_REQUEST',
  RESCHEDULE_LIMIT: 'CONFLICT',
  TOO_LATE_TO_CHANGE: 'CONFLICT',
  NOT_JOINABLE: 'CONFLICT',
  ALREADY_EXISTS: 'CONFLICT',
  RETAKE_REFUSED: 'CONFLICT',
  ALREADY_APPROVED: 'CONFLICT',
  ALREADY_SUBMITTED: 'CONFLICT',
  FEEDBACK_CLOSED: 'CONFLICT',
  FEEDBACK_INCOMPLETE: 'PRECONDITION_FAILED',
};

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        domainCode: cause instanceof DomainError ? cause.code : error.code === 'BAD_REQUEST' ? 'BAD_INPUT' : null,
        zodError: cause instanceof z.ZodError ? z.flattenError(cause) : null,
      },
    };
  },
});

/** The one place a domain refusal becomes a TRPCError. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const publicProcedure = t.procedure.use(domainErrors);

/** Browsers always send Origin on POST; one from another site never reaches an HR mutation. */
export const sameSiteProcedure = publicProcedure.use(({ ctx, type, next }) => {
  const origin = ctx.origin;
  if (type === 'mutation' && origin !== undefined && origin !== new URL(ctx.deps.env.PUBLIC_WEB_URL).origin) {
    throw new DomainError('FORBIDDEN', 'Requests from other sites are refused.');
  }
  return next();
});

export const hrProcedure = sameSiteProcedure.use(async ({ ctx, next }) => {
  const session = await readSession(ctx.deps.db, ctx.cookies.sessionId);
  if (session === null) throw new DomainError('UNAUTHORIZED', 'Sign in to continue.');
  return next({ ctx: { ...ctx, session } });
});
