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
  412: 'A precondition is missing (scorecards not in: confirm to decide without them).',
  422: 'The Idempotency-Key was used with another body.',
  429: 'Too many calls: wait Retry-After seconds.',
  500: 'A failure of ours; quote `errorId`.',
  503: 'The portal cannot reach a dependency just now; try again shortly.',
};

const CREDENTIAL_REFUSALS: Record<Credential, number[]> = { key: [401, 403, 429], candidate: [401, 429], session: [401, 403] };

const rateHeaders = z.object({
  'RateLimit-Limit': z.string().meta({ description: 'Calls this key may make per window.' }),
  'RateLimit-Remaining': z.string().meta({ description: 'Calls left in this window (an estimate when instances share the count).' }),
  'RateLimit-Reset': z.string().meta({ description: 'Seconds until the window resets.' }),
  'RateLimit-Policy': z.string().meta({ description: '`<limit>;w=<seconds>`.' }),
});

function responses(route: Route): ZodOpenApiResponsesObject {
  const statuses = [...new Set([...route.refusals, ...CREDENTIAL_REFUSALS[route.credential], 500, 503])].sort();
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
      if (def.type === 'pipe' && io === 'input' && def.in._zod.def.type === 'string' && def.out._zod.def.type === 'string') {
        const { $schema: _schema, ...described } = z.toJSONSchema(def.out, { io: 'input', unrepresentable: 'any' });
        Object.assign(jsonSchema, described);
      }
    },
  });
}
