import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { scopesOf, type Credential, type Route } from './route';
import { problemBody } from './problem';

const SECURITY: Record<Credential, string> = { key: 'apiKey', candidate: 'candidateToken', session: 'adminSession' };

const STATUS_TEXT: Record<number, string> = {
  400: 'The input was refused; `field` names the first field at fault.',
  401: 'No credential, or not one this route takes (an API key on a candidate route, a candidate token on a key route), or a revoked key or expired link.',
  403: 'The credential may not do this (a read-only key on a write; a superseded link).',
  404: 'No such resource (unknown ids and others’ ids look the same).',
  409: 'The change conflicts with the interview’s state (slot taken, too late to change, a retake already approved, …).',
  410: 'The candidate’s data was erased (`LINK_ERASED`): the link opens nothing any more.',
  412: 'A precondition is missing (scorecards not in: confirm to decide without them).',
  413: 'The request body is larger than the portal takes.',
  422: 'The Idempotency-Key was used with another body.',
  429: 'Too many calls: wait Retry-After seconds.',
  500: 'A failure of ours; quote `errorId`.',
  503: 'The portal cannot reach a dependency just now; try again shortly.',
};

const CREDENTIAL_REFUSALS: Record<Credential, number[]> = { key: [401, 403, 429], candidate: [401, 410, 429], session: [401, 403] };

const rateHeaders = z.object({
  'RateLimit-Limit': z.string().meta({ description: 'Calls this key may make per window.' }),
  'RateLimit-Remaining': z.string().meta({ description: 'Calls left in this window (an estimate when instances share the count).' }),
  'RateLimit-Reset': z.string().meta({ description: 'Seconds until the window resets.' }),
  'RateLimit-Policy': z.string().meta({ description: '`<limit>;w=<seconds>`.' }),
});

/**
 * What the REST layer itself refuses before a route's procedure runs: an input it cannot read (a
 * path, query, header or body that fails its schema, a body that is not JSON) is 400, a body past
 * MAX_BODY_BYTES 413.
 */
function readingRefusals(route: Route): number[] {
  const takesInput = route.params !== undefined || route.query !== undefined || route.body !== undefined || route.idempotent === true;
  return [...(takesInput ? [400] : []), ...(route.body === undefined ? [] : [413])];
}

/** Every status the route can answer: its own refusals, its credential's, the reading's, and ours. */
export function documentedStatuses(route: Route): number[] {
  return [...new Set([route.status, ...route.refusals, ...readingRefusals(route), ...CREDENTIAL_REFUSALS[route.credential], 500, 503])].sort((a, b) => a - b);
}

function responses(route: Route): ZodOpenApiResponsesObject {
  const statuses = documentedStatuses(route).filter((status) => status !== route.status);
  const out: Record<string, ZodOpenApiResponsesObject[keyof ZodOpenApiResponsesObject]> = {
    [String(route.status)]: {
      description: route.status === 201 ? 'Created.' : 'OK.',
      ...(route.credential === 'key' ? { headers: rateHeaders } : {}),
      content: { 'application/json': { schema: route.response } },
    },
  };
  for (const status of statuses) {
    out[String(status)] = {
      description: STATUS_TEXT[status] ?? 'Refused.',
      ...(status === 429 ? { headers: z.object({ 'Retry-After': z.string().meta({ description: 'Seconds to wait.' }) }) } : {}),
      content: { 'application/json': { schema: problemBody } },
    };
  }
  return out as ZodOpenApiResponsesObject;
}

function operation(route: Route): ZodOpenApiOperationObject {
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [route.tag],
    security: [{ [SECURITY[route.credential]]: [] }],
    // The scopes an API key needs.
    ...(route.credential === 'key' ? { 'x-scopes': scopesOf(route) } : {}),
    requestParams: {
      ...(route.params ? { path: route.params as z.ZodObject } : {}),
      ...(route.query ? { query: route.query as z.ZodObject } : {}),
      ...(route.idempotent
        ? { header: z.object({ 'Idempotency-Key': z.string().min(1).max(255).optional().meta({ description: 'Makes a retry return the first answer for 24 hours.' }) }) }
        : {}),
    },
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    responses: responses(route),
  };
}

type Schema = z.core.$ZodType;
const pipeOf = (def: Schema['_zod']['def']) => def as unknown as { in: Schema; out: Schema };

/** Whether a schema reads plain text first (a string, or pipes that start with one). */
function readsString(schema: Schema): boolean {
  const def = schema._zod.def;
  return def.type === 'string' || (def.type === 'pipe' && readsString(pipeOf(def).in));
}

/** The string schema a chain of pipes checks last, or null when it ends in something else. */
function checkedString(schema: Schema): Schema | null {
  const def = schema._zod.def;
  if (def.type === 'string') return schema;
  return def.type === 'pipe' ? checkedString(pipeOf(def).out) : null;
}

/** The OpenAPI 3.1 document of the REST API, from the routes table and their zod schemas. */
export function openApiDocument(routes: Route[], version: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Interview portal API',
      version,
      description: 'The REST API for applicant tracking systems: invitations, interviews, interviewers, headless booking and webhooks. See docs/api.md.',
    },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (`pk_…`) from the HR console’s API keys page or POST /api-keys.' },
        candidateToken: { type: 'http', scheme: 'bearer', description: 'The candidate’s link token (the last part of their booking link).' },
        adminSession: { type: 'apiKey', in: 'cookie', name: 'portal_hr_session', description: 'An admin’s console session.' },
      },
    },
  }, {
    // A Date answers as its ISO string (JSON.stringify).
    override: ({ jsonSchema, zodSchema, io }) => {
      const def = zodSchema._zod.def;
      if (def.type === 'date' && io === 'output') {
        jsonSchema.type = 'string';
        jsonSchema.format = 'date-time';
      }
      // A screened string (@portal/shared/text) is a plain string piped into its real schema: the
      // document shows the real one (its format, pattern and lengths), not the screen in front.
      // Multi-line text (a reason) is screened, has its line breaks made LF, then is checked: the
      // document shows the checks it meets last (its lengths).
      if (def.type === 'pipe' && io === 'input' && readsString(def.in) && checkedString(def.out) !== null) {
        const { $schema: _schema, ...described } = z.toJSONSchema(checkedString(def.out) as Schema, { io: 'input', unrepresentable: 'any' });
        Object.assign(jsonSchema, described);
      }
    },
  });
}
