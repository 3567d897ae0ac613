import { z } from 'zod';
import { API_KEY_SCOPES, apiKeyCreateInput, apiKeyRevokeInput } from '@portal/shared/api-key-inputs';
import { hrApiKeysRouter } from './hr-api-keys';
import { createCallerFactory, router } from '../http/trpc';
import { routesCalling } from '../http/rest/route';

/** The procedures these routes stand for, called in-process. */
const createCaller = createCallerFactory(router({ hr: router({ apiKeys: hrApiKeysRouter }) }));
const route = routesCalling(createCaller);

const TAG = 'API keys';
const instant = z.iso.datetime({ offset: true });
const scopes = z.array(z.enum(API_KEY_SCOPES));

const apiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes,
    team: z.string().meta({ description: 'The hiring team the key acts in.' }),
    prefix: z.string().meta({ description: 'The public start of the key, to recognise it in a configuration.' }),
    createdAt: instant,
    createdBy: z.string(),
    revokedAt: instant.nullable(),
    lastUsedAt: instant.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const apiKeyRoutes = [
  route({
    method: 'post',
    path: '/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key (admin session)',
    description: 'Needs an admin signed in to the console (its session cookie); an API key never creates keys. The key is shown once.',
    tag: TAG,
    credential: 'session',
    body: apiKeyCreateInput,
    status: 201,
    response: z
      .object({ id: z.string(), key: z.string().meta({ description: '`pk_…`: send it as `Authorization: Bearer <key>`.' }), name: z.string(), scopes, team: z.string(), createdAt: instant })
      .meta({ id: 'CreatedApiKey' }),
    refusals: [400],
    run: ({ caller, body }) => caller.hr.apiKeys.create(body),
  }),
  route({
    method: 'get',
    path: '/api-keys',
    operationId: 'listApiKeys',
    summary: 'Every API key with its last use (admin session)',
    tag: TAG,
    credential: 'session',
    status: 200,
    response: z.object({ items: z.array(apiKey) }),
    refusals: [],
    run: async ({ caller }) => ({ items: await caller.hr.apiKeys.list() }),
  }),
  route({
    method: 'delete',
    path: '/api-keys/{id}',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key (admin session)',
    tag: TAG,
    credential: 'session',
    params: apiKeyRevokeInput,
    status: 200,
    response: z.object({ id: z.string(), revokedAt: instant }),
    refusals: [400, 404],
    run: ({ caller, params }) => caller.hr.apiKeys.revoke(params),
  }),
];
