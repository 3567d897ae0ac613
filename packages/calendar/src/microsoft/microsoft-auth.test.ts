import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsoftStandIn, type MicrosoftStandIn } from '../../testing/microsoft-stand-in';
import { microsoftAuthorizationUrl, microsoftCalendarClient, microsoftTokenSource, newPkcePair, redeemAuthorizationCode } from './microsoft-calendar';

let ms: MicrosoftStandIn;
beforeAll(async () => {
  ms = await microsoftStandIn();
});
afterAll(() => ms.close());

describe('Microsoft 365 calendar: an interviewer’s own grant', () => {
  it('goes through the authorization code flow with PKCE and reads the calendar on the refresh token it leaves', async () => {
    const tess = ms.uniqueEmail('tess');
    const app = { ...ms.app, tenantId: 'organizations' };
    const pkce = await newPkcePair();
    const redirectUri = 'http://127.0.0.1:1/microsoft/callback';
    const url = new URL(await microsoftAuthorizationUrl(app, ms.auth, { redirectUri, state: 'state-1', codeChallenge: pkce.challenge, loginHint: tess }));
    expect(url.origin).toBe(ms.standIn.secureOrigin);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');

    // The interviewer's browser, at the stand-in (plain HTTP), sent back to the portal.
    const signIn = await fetch(`${ms.standIn.origin}${url.pathname}${url.search}`, { redirect: 'manual' });
    const back = new URL(signIn.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('state-1');
    const code = back.searchParams.get('code') ?? '';

    const wrongVerifier = await redeemAuthorizationCode(app, ms.auth, { code, codeVerifier: (await newPkcePair()).verifier, redirectUri }).catch((e: unknown) => e);
    expect(wrongVerifier).toMatchObject({ code: 'AUTH', message: expect.stringContaining('invalid_grant') });

    const again = await fetch(`${ms.standIn.origin}${url.pathname}${url.search}`, { redirect: 'manual' });
    const secondCode = new URL(again.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const granted = await redeemAuthorizationCode(app, ms.auth, { code: secondCode, codeVerifier: pkce.verifier, redirectUri });
    expect(granted).toMatchObject({ email: tess, tenantId: ms.app.tenantId, refreshToken: expect.any(String) });

    const rotated: string[] = [];
    const auth = microsoftTokenSource({ kind: 'user', ...app, refreshToken: granted.refreshToken }, { ...ms.auth, onRefreshToken: (token) => rotated.push(token) });
    const client = microsoftCalendarClient({ ...ms.endpoints, viewer: tess, auth });
    const from = new Date('2031-03-07T08:00:00Z');
    expect((await client.busy([tess], from, new Date('2031-03-07T18:00:00Z'))).get(tess)).toEqual({ ok: true, busy: [] });
    expect(rotated).toHaveLength(1);
    expect(rotated[0]).not.toBe(granted.refreshToken);
  });
});
