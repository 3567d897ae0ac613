import type { Request, Response } from 'express';
import { authenticateApiKey, type ApiKeyPrincipal } from '../../auth/api-keys';
import { readSignedIn } from '../../auth/sessions';
import { createContextInner, createExpressContext, type Context, type Deps } from '../context';
import { ApiRefusal } from './problem';
import { scopesOf, type Route } from './route';

/** `Authorization: Bearer <credential>`, or undefined. */
export function bearerOf(req: Request): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
const looksLikeApiKey = (bearer: string) => bearer.startsWith('pk_');

export interface Credentials {
  context: Context;
  principal?: ApiKeyPrincipal;
  token: string;
}

/**
 * Each route takes its own credential and no other: an API key on key routes (its principal is
 * the only way a key reaches a procedure; tRPC over HTTP never sets it), the candidate's token on
 * candidate routes, the admin's session cookie on key management. Key routes carry no cookies, so
 * a browser's session never acts through them.
 */
export async function credentialsFor(route: Route, req: Request, res: Response, deps: Deps): Promise<Credentials> {
  const bearer = bearerOf(req);
  const ip = clientAddress(req);
  if (route.credential === 'session') {
    if (req.headers.authorization !== undefined) {
      throw new ApiRefusal(401, 'UNAUTHORIZED', 'This route takes an admin’s console session, not a bearer credential.');
    }
    const context = createExpressContext(deps)({ req, res });
    // Signed in before the body is read; the procedure checks the role (an `hr` user gets 403).
    if ((await readSignedIn(deps.db, context.cookies.sessionId)) === null) {
      throw new ApiRefusal(401, 'UNAUTHORIZED', 'Sign in to the HR console as an admin: this route takes the console’s session.');
    }
    return { context, token: '' };
  }
  if (route.credential === 'candidate') {
    if (bearer === undefined) throw new ApiRefusal(401, 'UNAUTHORIZED', 'Send the candidate’s link token: Authorization: Bearer <token>.');
    if (looksLikeApiKey(bearer)) throw new ApiRefusal(401, 'UNAUTHORIZED', 'API keys are not accepted on candidate routes; send the candidate’s link token.');
    return { context: createContextInner(deps, { ip }), token: bearer };
  }
  if (bearer === undefined) throw new ApiRefusal(401, 'UNAUTHORIZED', 'Send an API key: Authorization: Bearer <key>.');
  const principal = await authenticateApiKey(deps.db, bearer);
  if (principal === null) throw new ApiRefusal(401, 'UNAUTHORIZED', 'This API key is not valid or was revoked.');
  return { context: createContextInner(deps, { ip, apiKey: principal }), principal, token: '' };
}

/** The procedures check each call's scope too; this makes a route of several calls refuse before the first. */
export function refuseMissingScopes(route: Route, principal: ApiKeyPrincipal | undefined): void {
  if (principal === undefined) return;
  const missing = scopesOf(route).filter((scope) => !principal.scopes.includes(scope));
  if (missing.includes('write')) throw new ApiRefusal(403, 'FORBIDDEN', 'This API key is read-only.');
  if (missing.length > 0) throw new ApiRefusal(403, 'FORBIDDEN', `This API key lacks the ${missing.join(' and ')} scope this route needs.`);
}
