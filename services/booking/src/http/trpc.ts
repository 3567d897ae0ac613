import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { z } from 'zod';
import { DomainError, type DomainErrorCode } from '@portal/shared/errors';
import type { HrRole } from '@portal/shared/hr-user-inputs';
import type { ApiKeyPrincipal } from '../auth/api-keys';
import type { Context } from './context';
import { readSignedIn } from '../auth/sessions';
import { inTeam, type TeamScope } from '@portal/db/team-scope';
import { faultId, faultMessage } from './fault-id';
import { describeIssues } from './input-problems';
import { storeRefusal } from './store-errors';

/** How each refusal travels as a tRPCError (and, through it, which HTTP status the REST API answers). */
export const TRPC_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  ILLEGAL_TRANSITION: 'CONFLICT',
  LINK_INVALID: 'UNAUTHORIZED',
  LINK_EXPIRED: 'UNAUTHORIZED',
  LINK_SUPERSEDED: 'FORBIDDEN',
  // tRPC has no 410; HTTP_STATUS below sets it, on tRPC's answers and the REST API's alike.
  LINK_ERASED: 'NOT_FOUND',
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
  CALENDAR_REFUSED: 'BAD_REQUEST',
  STORE_REFUSED: 'BAD_REQUEST',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

/** Refusals whose HTTP status is not the one their tRPC code gives: an erased candidate's link is gone for good. */
export const HTTP_STATUS: Partial<Record<DomainErrorCode, number>> = { LINK_ERASED: 410 };

/** The HTTP status of a refusal that travels as a TRPCError (REST answers, tRPC's responseMeta). */
export function httpStatusOf(error: TRPCError): number | undefined {
  return error.cause instanceof DomainError ? HTTP_STATUS[error.cause.code] : undefined;
}

/**
 * What a client may learn from a failure: a code and a sentence. A refused input names its fields
 * (the flattened zod error rides along for the web forms); a failure of ours carries only an id,
 * logged with the whole error by the HTTP adapter (app.ts); never a stack or a driver's words.
 */
const t = initTRPC.context<Context>().create({
  // Never a stack in an answer (the formatter drops it too); off, tRPC does not format one.
  isDev: false,
  // Live pages (docs/adr/0033): a ping every 5 s keeps proxies from closing a quiet stream (nginx
  // waits 60 s by default), and a client that hears nothing for 12 s opens a new one: a proxy that
  // keeps the page's side open after the service went away (Vite's does) costs at most that.
  sse: { ping: { enabled: true, intervalMs: 5_000 }, client: { reconnectAfterInactivityMs: 12_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const invalid = error.code === 'BAD_REQUEST' && cause instanceof z.ZodError ? cause : null;
    const errorId = internal ? faultId(error) : null;
    return {
      ...shape,
      message: errorId !== null ? faultMessage(errorId) : invalid !== null ? describeIssues(invalid) : shape.message,
      data: {
        ...shape.data,
        httpStatus: httpStatusOf(error) ?? shape.data.httpStatus,
        stack: undefined,
        domainCode: cause instanceof DomainError ? cause.code : error.code === 'BAD_REQUEST' ? 'BAD_INPUT' : null,
        zodError: invalid && z.flattenError(invalid),
        errorId,
        // The input field a domain refusal names (`answers.design`, `sessions.1.kind`), for the form to mark it.
        ...(cause instanceof DomainError && typeof cause.details['field'] === 'string' ? { field: cause.details['field'] } : {}),
        // A loop's booking that lost a session: which one, and the day's fresh itineraries.
        ...(cause instanceof DomainError && cause.details['taken'] !== undefined ? { taken: cause.details['taken'] } : {}),
      },
    };
  },
});

/**
 * The one place a refusal becomes a TRPCError: a domain refusal, or a database error that is one
 * (unreachable, a value it cannot hold; store-errors.ts). Anything else stays an internal error.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  const refusal = cause instanceof DomainError ? cause : storeRefusal(cause);
  if (refusal !== null) throw new TRPCError({ code: TRPC_CODE[refusal.code], message: refusal.message, cause: refusal });
  return result;
});

export const router = t.router;
export const mergeRouters = t.mergeRouters;
/** Calls procedures in-process (tests), through the same middleware as HTTP. */
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

/**
 * Browsers always send Origin on POST; one from another site never reaches an HR mutation. A call
 * made with an API key carries no ambient credential a page could borrow, so the check is the
 * session's, not the key's.
 */
export const sameSiteProcedure = publicProcedure.use(({ ctx, type, next }) => {
  const origin = ctx.origin;
  if (ctx.apiKey !== undefined) return next();
  if (type === 'mutation' && origin !== undefined && origin !== new URL(ctx.deps.env.PUBLIC_WEB_URL).origin) {
    throw new DomainError('FORBIDDEN', 'Requests from other sites are refused.');
  }
  return next();
});

/**
 * Who an HR procedure acts for: a signed-in HR user, or an API key (docs/adr/0021), in one hiring
 * team (docs/adr/0076). `email` is what audit trails record as the actor: the user's address, or
 * `api:<key name>`.
 */
export interface HrActor {
  userId: string;
  email: string;
  role: HrRole;
  /** The team the call acts in: every team-owned record it reads or writes is that team's (team-scope.ts). */
  team: string;
  /** A hiring manager's positions; empty for every other role. */
  positions: string[];
  /** The deployment's owner (teams), signed in. */
  owner: boolean;
  apiKey: ApiKeyPrincipal | null;
}

/** A key acts as an admin of its team limited to its scopes: `read` runs queries, `write` runs mutations. */
function keyActor(key: ApiKeyPrincipal, type: string): HrActor {
  if (type === 'mutation' && !key.scopes.includes('write')) throw new DomainError('FORBIDDEN', 'This API key is read-only.');
  if (type === 'query' && !key.scopes.includes('read')) throw new DomainError('FORBIDDEN', 'This API key is write-only: it cannot read.');
  return { userId: `api-key:${key.keyId}`, email: `api:${key.name}`, role: 'admin', team: key.team, positions: [], owner: false, apiKey: key };
}

async function sessionActor(ctx: Context): Promise<HrActor> {
  const session = await readSignedIn(ctx.deps.db, ctx.cookies.sessionId);
  if (session === null) throw new DomainError('UNAUTHORIZED', 'Sign in to continue.');
  return { userId: session.userId, email: session.email, role: session.role, team: session.team, positions: session.positions, owner: session.owner, apiKey: null };
}

/** The data layer's scope for an actor: its team, and a hiring manager's positions. */
const scopeOf = (actor: HrActor): TeamScope => (actor.role === 'hiring_manager' ? { team: actor.team, positions: actor.positions } : { team: actor.team });

const HIRING_MANAGER_LIMIT =
  'A hiring manager reads the interviews and scorecards of their positions, sets outcomes and approves retakes; this needs a recruiter or an admin.';
const ADMIN_ONLY = "Only an admin can do this: managing the team's users, interviewers, keys, webhooks and data needs the admin role.";

/**
 * Any member of a team, a hiring manager included, or an API key: reading interviews and their
 * scorecards, setting outcomes, approving retakes. Everything the procedure reads or writes is
 * the actor's team's (a hiring manager's: their positions'), by the data layer's scope.
 */
export const memberProcedure = sameSiteProcedure.use(async ({ ctx, type, next, getRawInput }) => {
  const session = ctx.apiKey === undefined ? await sessionActor(ctx) : keyActor(ctx.apiKey, type);
  const result = await inTeam(scopeOf(session), () => next({ ctx: { ...ctx, session } }));
  if (result.ok || session.role !== 'hiring_manager') return result;
  await refuseOtherPosition(ctx, session, result.error.cause, await getRawInput());
  return result;
});

/**
 * A hiring manager asking for an interview of their team that is not one of their positions is
 * told so (403), not that it is missing: it is their team's, and the refusal says why. Another
 * team's interview stays missing (404), as to everyone outside that team.
 */
async function refuseOtherPosition(ctx: Context, session: HrActor, cause: unknown, input: unknown): Promise<void> {
  if (!(cause instanceof DomainError) || cause.code !== 'NOT_FOUND') return;
  const interviewId = typeof input === 'object' && input !== null && 'interviewId' in input ? input.interviewId : undefined;
  if (typeof interviewId !== 'string') return;
  const inTeamAtAll = await inTeam({ team: session.team }, () => ctx.deps.db.interviews.findById(interviewId, { _id: 1 }).lean().exec());
  if (inTeamAtAll !== null) throw new DomainError('FORBIDDEN', 'This interview is for a position you do not own: a hiring manager sees the interviews of their own positions.');
}

/**
 * A recruiter or an admin of the team, or an API key: running interviews (invite, move, cancel,
 * act for candidates) and reading what that needs. A user's role comes from the user document
 * on every call.
 */
export const hrProcedure = memberProcedure.use(({ ctx, next }) => {
  if (ctx.session.role === 'hiring_manager') throw new DomainError('FORBIDDEN', HIRING_MANAGER_LIMIT);
  return next();
});

/**
 * The team's admins only: interviewers, interview kinds, webhooks, data. Refused before the input
 * is read or anything runs, so a recruiter gets FORBIDDEN whatever it sends, and nothing changes.
 */
export const adminProcedure = memberProcedure.use(({ ctx, next }) => {
  if (ctx.session.role !== 'admin') throw new DomainError('FORBIDDEN', ctx.session.role === 'hiring_manager' ? HIRING_MANAGER_LIMIT : ADMIN_ONLY);
  return next();
});

/**
 * A team's admin signed in to the console, never an API key: managing keys and HR users. A key
 * that could mint keys or make users would outgrow the scopes it was given.
 */
export const sessionAdminProcedure = sameSiteProcedure.use(async ({ ctx, next }) => {
  if (ctx.apiKey !== undefined) throw new DomainError('FORBIDDEN', 'An API key cannot do this: sign in to the HR console as an admin.');
  const session = await sessionActor(ctx);
  if (session.role !== 'admin') throw new DomainError('FORBIDDEN', session.role === 'hiring_manager' ? HIRING_MANAGER_LIMIT : ADMIN_ONLY);
  return inTeam(scopeOf(session), () => next({ ctx: { ...ctx, session } }));
});

/**
 * The deployment's owner signed in to the console: the teams themselves. Runs outside any team's
 * scope, since a team's page is about the deployment.
 */
export const ownerProcedure = sameSiteProcedure.use(async ({ ctx, next }) => {
  if (ctx.apiKey !== undefined) throw new DomainError('FORBIDDEN', "An API key cannot do this: sign in to the HR console as the deployment's owner.");
  const session = await sessionActor(ctx);
  if (!session.owner) throw new DomainError('FORBIDDEN', "Only the deployment's owner, who administers every team, can do this.");
  return next({ ctx: { ...ctx, session } });
});

/**
 * A signed-in HR user of any role, outside a team's scope: the teams they belong to and which one
 * they act in.
 */
export const signedInProcedure = sameSiteProcedure.use(async ({ ctx, next }) => {
  if (ctx.apiKey !== undefined) throw new DomainError('FORBIDDEN', 'An API key cannot do this: sign in to the HR console (a key acts in its own team only).');
  const session = await sessionActor(ctx);
  return next({ ctx: { ...ctx, session } });
});
