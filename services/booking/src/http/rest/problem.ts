import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DomainError } from '@portal/shared/errors';
import { CLAIM_REFUSAL_REASONS } from '@portal/shared/slots';
import { faultId, faultMessage } from '../fault-id';
import { describeIssues } from '../input-problems';
import { storeRefusal } from '../store-errors';
import { HTTP_STATUS, TRPC_CODE } from '../trpc';

/** Every REST refusal: `{"error":{"code","message","field?"}}`; a failure of ours adds only its id. */
export const problemBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'A DomainError code (BAD_INPUT, NOT_FOUND, SLOT_TAKEN, …), IDEMPOTENCY_KEY_REUSED, RATE_LIMITED or INTERNAL.' }),
      message: z.string(),
      field: z.string().optional().meta({ description: 'The input field at fault, as a dotted path (`candidate.email`).' }),
      errorId: z.string().optional().meta({ description: 'Quote it when reporting a failure of ours (status 500).' }),
      taken: z
        .looseObject({
          session: z.number().int(),
          title: z.string(),
          reason: z.enum(CLAIM_REFUSAL_REASONS).optional(),
          itineraries: z.array(z.looseObject({ itineraryId: z.string() })),
        })
        .optional()
        .meta({
          description:
            'A loop’s booking refused with SLOT_TAKEN: the session (index in the loop) that was lost, why (`reason`: `booked` another booking holds it, `limit` the interviewer’s limit is reached, `unavailable` their hours, time off or calendar), and the day’s fresh itineraries.',
        }),
    }),
  })
  .meta({ id: 'Problem' });

export type ProblemBody = z.infer<typeof problemBody>;
export interface Problem {
  status: number;
  body: ProblemBody;
  headers?: Record<string, string>;
}

/** A refusal the REST layer itself gives (credentials, idempotency, limits), with its status. */
export class ApiRefusal extends Error {
  override readonly name = 'ApiRefusal';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const fieldOf = (path: readonly PropertyKey[]) => (path.length === 0 ? undefined : path.map(String).join('.'));

function refused(status: number, code: string, message: string, field?: string): Problem {
  return { status, body: { error: field === undefined ? { code, message } : { code, message, field } } };
}

type Issue = z.ZodError['issues'][number];

/** A missing field weighs more than a wrong one: the branch the caller meant is the one they filled in. */
const weight = (issues: readonly Issue[]) =>
  issues.reduce((sum, issue) => sum + (issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 10 : 1), 0);

/**
 * The issues of the body the caller meant. A body that may take one of several shapes (a single
 * booking or a loop's itinerary) fails as a whole; its field is that of the shape it came closest to.
 */
function meantIssues(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
    const closest = [...issue.errors].sort((a, b) => weight(a) - weight(b))[0] ?? [];
    return meantIssues(closest.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
  });
}

/** Where an issue is: its path, and for a field the body may not carry (`id` in a PUT naming it in its path), that field. */
const pathOf = (issue: Issue | undefined): readonly PropertyKey[] =>
  issue === undefined ? [] : issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;

function fromInvalid(error: z.ZodError): Problem {
  const issues = meantIssues(error.issues);
  return refused(400, 'BAD_INPUT', describeIssues({ issues }), fieldOf(pathOf(issues[0])));
}

function fromDomain(error: DomainError): Problem {
  const status = HTTP_STATUS[error.code] ?? getHTTPStatusCodeFromError(new TRPCError({ code: TRPC_CODE[error.code] }));
  const field = typeof error.details['field'] === 'string' ? error.details['field'] : undefined;
  const problem = refused(status, error.code, error.message, field);
  const taken = error.details['taken'];
  if (taken !== undefined) Object.assign(problem.body.error, { taken });
  return problem;
}

/** tRPC codes that reach here without a DomainError: its own refusals (a missing procedure input, say). */
const PLAIN_CODES: Partial<Record<TRPCError['code'], string>> = {
  BAD_REQUEST: 'BAD_INPUT',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'BAD_INPUT',
};

/**
 * Any failure of a REST call as its answer. The procedures' refusals keep their DomainError code
 * and the HTTP status tRPC gives them; an input refused by zod names its first field; a database
 * error that is a refusal (store-errors.ts) is answered as one; anything else is a failure of ours,
 * logged whole under an id, answered 500 with that id and nothing of it.
 */
export function problemOf(error: unknown, log: Logger, context: Record<string, unknown>): Problem {
  if (error instanceof ApiRefusal) return { ...refused(error.status, error.code, error.message), headers: error.headers };
  if (error instanceof z.ZodError) return fromInvalid(error);
  if (error instanceof DomainError) return fromDomain(error);
  if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
    if (error.cause instanceof DomainError) return fromDomain(error.cause);
    if (error.cause instanceof z.ZodError) return fromInvalid(error.cause);
    return refused(getHTTPStatusCodeFromError(error), PLAIN_CODES[error.code] ?? error.code, error.message);
  }
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  const refusal = storeRefusal(cause);
  if (refusal !== null) return fromDomain(refusal);
  const errorId = faultId(typeof error === 'object' && error !== null ? error : { error });
  log.error({ err: cause, errorId, ...context }, 'API request failed');
  return { status: 500, body: { error: { code: 'INTERNAL', message: faultMessage(errorId), errorId } } };
}
