import type { CandidateKeyring } from '@portal/shared/payload-codec';
import { parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '@portal/db';
import type { ApiKeyPrincipal } from '../auth/api-keys';
import type { BookingEnv } from '../core/env';
import type { LifecycleClient } from '../lifecycle/lifecycle-client';
import type { RateLimiter } from '../rate-limit/rate-limit';
import type { SignInGuards } from '../auth/sign-in';
import type { SlotTurns } from '../slots/slot-turns';
import type { LiveChanges } from '../change-feed/live-changes';
import type { GoogleClients } from '@portal/calendar/google-provider';
import type { MicrosoftClients } from '@portal/calendar/microsoft-provider';

export interface Deps {
  db: Database;
  env: BookingEnv;
  lifecycle: LifecycleClient;
  temporal: Client;
  limiter: RateLimiter;
  signInGuards: SignInGuards;
  /** Racers for one time take turns in this process (slot-turns.ts). */
  slotTurns: SlotTurns;
  /** Candidate data keys behind the payload codec (docs/adr/0030); erasure forgets a key here at once. */
  keyring?: CandidateKeyring;
  /** Interview changes as this process learns them, for the live pages (live/live-changes.ts). */
  live: LiveChanges;
  /** Google Calendar clients by grant, kept for their access tokens (checking connections). */
  google: GoogleClients;
  /** Microsoft Graph clients by app registration, kept for their app-only tokens (erasure reaches Microsoft 365 calendars through them). */
  microsoft: MicrosoftClients;
}

export interface CookieJar {
  sessionId: string | undefined;
  set(value: string, maxAgeSeconds: number): void;
  clear(): void;
}

export interface Context {
  deps: Deps;
  ip: string;
  origin: string | undefined;
  /** The browser's `Accept-Language`: picks the candidate page's language on a first visit when HR chose none. */
  acceptLanguage?: string | undefined;
  cookies: CookieJar;
  /**
   * The API key a REST call authenticated with (docs/adr/0021). Set only by the REST layer, never
   * from a tRPC request: the web app's API knows sessions only.
   */
  apiKey?: ApiKeyPrincipal;
}

export const SESSION_COOKIE = 'portal_hr_session';

/** The part of the context tests build directly, without HTTP. */
export function createContextInner(deps: Deps, request: Partial<Omit<Context, 'deps'>> = {}): Context {
  let sessionId = request.cookies?.sessionId;
  return {
    deps,
    ip: request.ip ?? '127.0.0.1',
    origin: request.origin,
    acceptLanguage: request.acceptLanguage,
    ...(request.apiKey === undefined ? {} : { apiKey: request.apiKey }),
    cookies: request.cookies ?? {
      get sessionId() {
        return sessionId;
      },
      set(value) {
        sessionId = value;
      },
      clear() {
        sessionId = undefined;
      },
    },
  };
}

/** A cookie another app on the site set, malformed or not, is ignored, never a failure of ours. */
function readCookie(header: string | undefined, name: string): string | undefined {
  return header === undefined ? undefined : parseCookie(header)[name];
}

export function createExpressContext(deps: Deps) {
  const secure = deps.env.NODE_ENV === 'production';
  return ({ req, res }: { req: Request; res: Response }): Context =>
    createContextInner(deps, {
      ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      origin: req.headers.origin,
      acceptLanguage: req.headers['accept-language'],
      cookies: {
        sessionId: readCookie(req.headers.cookie, SESSION_COOKIE),
        set(value, maxAgeSeconds) {
          res.cookie(SESSION_COOKIE, value, {
            httpOnly: true,
            sameSite: 'strict',
            secure,
            path: '/',
            maxAge: maxAgeSeconds * 1000,
          });
        },
        clear() {
          res.clearCookie(SESSION_COOKIE, { path: '/' });
        },
      },
    });
}
