import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleStandIn, type GoogleStandIn } from '../../testing/google-stand-in';
import { googleAuthClient, googleCalendarClient } from './google-calendar';
import { googleAuthorizationUrl, newGooglePkcePair, redeemGoogleCode } from './google-oauth';

/**
 * Each call's bound: long enough for a loaded whole run (the stand-in answers in the run's main
 * process, and makes its ID-token key on the first token it signs). The flow is what is tested, not its speed.
 */
const CALL_TIMEOUT_MS = 20_000;

let g: GoogleStandIn;
const client = { clientId: 'portal-web.apps.googleusercontent.com', clientSecret: 'portal-web-secret' };
const redirectUri = 'http://127.0.0.1:1/api/calendar-grants/google/callback';

beforeAll(async () => {
  g = await googleStandIn();
  await g.control('POST', '/oauth-clients', { ...client, redirectUris: [redirectUri] });
});
afterAll(() => g.close());

/** The interviewer's browser at the authorization endpoint: where it is sent back to. */
async function signIn(url: string): Promise<URL> {
  const answer = await fetch(url, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location') ?? '');
}

describe('Google Calendar: an interviewer’s own grant', () => {
  it('goes through the authorization code flow with PKCE; the code is redeemed once, only with its verifier, and the refresh token reads the calendar', async () => {
    const ada = g.uniqueEmail('ada');
    const endpoints = { authUrl: g.standIn.authUrl, tokenUrl: g.standIn.tokenUrl, timeoutMs: CALL_TIMEOUT_MS };
    const pkce = await newGooglePkcePair();
    const url = new URL(googleAuthorizationUrl(client, endpoints, { redirectUri, state: 'state-1', codeChallenge: pkce.challenge, loginHint: ada }));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('access_type')).toBe('offline');

    const back = await signIn(url.toString());
    expect(back.searchParams.get('state')).toBe('state-1');
    const code = back.searchParams.get('code') ?? '';
    const wrongVerifier = await redeemGoogleCode(client, endpoints, { code, codeVerifier: (await newGooglePkcePair()).verifier, redirectUri }).catch((e: unknown) => e);
    expect(wrongVerifier).toMatchObject({ code: 'AUTH', message: expect.stringContaining('invalid_grant') });

    const second = (await signIn(url.toString())).searchParams.get('code') ?? '';
    const granted = await redeemGoogleCode(client, endpoints, { code: second, codeVerifier: pkce.verifier, redirectUri });
    expect(granted).toEqual({ refreshToken: expect.any(String), email: ada });
    const replayed = await redeemGoogleCode(client, endpoints, { code: second, codeVerifier: pkce.verifier, redirectUri }).catch((e: unknown) => e);
    expect(replayed).toMatchObject({ code: 'AUTH' });

    const own = googleCalendarClient({ rootUrl: g.standIn.rootUrl, timeoutMs: CALL_TIMEOUT_MS, auth: googleAuthClient({ kind: 'user', ...client, refreshToken: granted.refreshToken }, { tokenUrl: g.standIn.tokenUrl, timeoutMs: CALL_TIMEOUT_MS }) });
    const from = new Date('2031-03-07T08:00:00Z');
    expect((await own.busy([ada], from, new Date('2031-03-07T18:00:00Z'))).get(ada)).toEqual({ ok: true, busy: [] });

    // Revoked at Google's /revoke: the same token now answers invalid_grant, read as AUTH.
    const revoke = await fetch(`${g.standIn.origin}/revoke?token=${encodeURIComponent(granted.refreshToken)}`, { method: 'POST' });
    expect(revoke.status).toBe(200);
    const again = googleCalendarClient({ rootUrl: g.standIn.rootUrl, timeoutMs: CALL_TIMEOUT_MS, auth: googleAuthClient({ kind: 'user', ...client, refreshToken: granted.refreshToken }, { tokenUrl: g.standIn.tokenUrl, timeoutMs: CALL_TIMEOUT_MS }) });
    const after = await again.busy([ada], from, new Date('2031-03-07T18:00:00Z')).then((read) => read.get(ada), (problem: unknown) => ({ ok: false, problem }));
    expect(after).toMatchObject({ ok: false, problem: { code: 'AUTH' } });
  });

  it('sends a refused consent back as access_denied with the state, and refuses an unregistered redirect address with a page', async () => {
    const bo = g.uniqueEmail('bo');
    await g.control('POST', '/consent-refusals', { email: bo });
    const endpoints = { authUrl: g.standIn.authUrl, tokenUrl: g.standIn.tokenUrl, timeoutMs: CALL_TIMEOUT_MS };
    const { challenge } = await newGooglePkcePair();
    const back = await signIn(googleAuthorizationUrl(client, endpoints, { redirectUri, state: 'state-2', codeChallenge: challenge, loginHint: bo }));
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: 'access_denied', state: 'state-2' });

    const elsewhere = await fetch(googleAuthorizationUrl(client, endpoints, { redirectUri: 'http://127.0.0.1:2/steal', state: 's', codeChallenge: challenge, loginHint: bo }), { redirect: 'manual' });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('redirect_uri_mismatch');
  });
});
