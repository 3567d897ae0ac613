import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_ADMIN_TOKEN } from '@portal/devstack/google-calendar-stand-in';
import { testGoogleCalendar, testMicrosoftGraph } from '@portal/devstack/testing';
import { createApiClient } from './support/api-client';
import { alwaysAvailableInterviewer, ASYNC_WAIT_MS, eventually, invitationTo, inviteAndReadLink, linkToken, sinkMessages } from './support/fixtures';
import { googleCalendarStandIn } from './support/google-calendar';
import { microsoftGraphStandIn } from './support/microsoft-graph';
import { HOUR, overlapping, wholeHourAhead, type RestCalendar } from './support/organisation-calendars';
import { FAST_LIFECYCLE, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { createRestClient, type RestClient } from './support/rest-client';

/**
 * Interviewers' own calendar grants (docs/adr/0061) on a portal of this file's own: the
 * organisation's Google and Microsoft connections are cleared there (per-interviewer grants count
 * only when the organisation grants nothing, which the shared portal's environment does), and the
 * portal's own OAuth clients are registered at the run's stand-ins. Each flow is followed with
 * fetch as a browser would: the portal's sign-in address, the stand-in's authorization endpoint
 * (which signs the login_hint user in at once), the portal's callback, back to HR's page.
 */
const RUN = Date.now();
const WEB = 'http://localhost:5173';
const google = googleCalendarStandIn();
const graph = microsoftGraphStandIn();
const googleOrigin = new URL(testGoogleCalendar().apiUrl).origin;
const graphOrigin = testMicrosoftGraph().url.replace(/^https:/, 'http:');
const googleClient = { clientId: `portal-${RUN}.apps.googleusercontent.com`, clientSecret: `google-secret-${RUN}` };
const microsoftApp = { tenantId: randomUUID(), clientId: randomUUID(), clientSecret: `microsoft-secret~${RUN}` };

let portal: PortalUnderTest;
let hr: ReturnType<typeof createApiClient>;
let rest: RestClient;
let apiKey = '';

async function standIn(origin: string, path: string, body: unknown): Promise<void> {
  const answer = await fetch(`${origin}/_stand-in${path}`, { method: 'POST', headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(answer.status, await answer.text()).toBe(200);
}

beforeAll(async () => {
  await standIn(googleOrigin, '/oauth-clients', { ...googleClient, redirectUris: [`${WEB}/api/calendar-grants/google/callback`] });
  // The portal vendor's own multi-tenant app: its home tenant is not the interviewers'.
  await standIn(graphOrigin, '/apps', { ...microsoftApp, domains: [`portal-vendor-${RUN}.test`] });
  portal = await startPortal('own-calendar-grants', {
    GOOGLE_SERVICE_ACCOUNT_KEY: '',
    MICROSOFT_TENANT_ID: '',
    MICROSOFT_CLIENT_ID: '',
    MICROSOFT_CLIENT_SECRET: '',
    GOOGLE_OAUTH_CLIENT_ID: googleClient.clientId,
    GOOGLE_OAUTH_CLIENT_SECRET: googleClient.clientSecret,
    GOOGLE_OAUTH_AUTH_URL: `${googleOrigin}/o/oauth2/v2/auth`,
    MICROSOFT_OAUTH_CLIENT_ID: microsoftApp.clientId,
    MICROSOFT_OAUTH_CLIENT_SECRET: microsoftApp.clientSecret,
    ...FAST_LIFECYCLE,
    INVITATION_EXPIRY_MINUTES: '60',
    // Push opens a read at once; polling every 10 s is the fallback should a subscription on an own grant not open.
    CALENDAR_SYNC_SECONDS: '10',
  });
  const jar: { value?: string } = {};
  hr = createApiClient(portal.bookingUrl, jar);
  await hr.mutation('hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' });
  rest = createRestClient(portal.bookingUrl);
  apiKey = (await rest<{ key: string }>('post', '/api-keys', { cookie: jar.value ?? '', body: { name: `own grants ${RUN}`, scopes: ['read', 'write'] } })).body.key;
}, 180_000);

afterAll(async () => {
  await portal?.stop();
});

/** The browser's next stop: the stand-ins listen in plain HTTP (Graph's under an https name), and the web address's /api is booking. */
function browserUrl(location: string): string {
  const url = new URL(location);
  if (url.origin === WEB) return `${portal.bookingUrl}${url.pathname}${url.search}`;
  return url.toString().replace(/^https:/, 'http:');
}

/** Follows the sign-in as a browser: the provider's redirect back, then the portal's answer. */
async function followSignIn(start: string): Promise<{ callback: string; answer: Response }> {
  const atProvider = await fetch(browserUrl(start), { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const callback = atProvider.headers.get('location') ?? '';
  expect(callback.startsWith(WEB)).toBe(true);
  return { callback, answer: await fetch(browserUrl(callback), { redirect: 'manual' }) };
}

const calendarOf = async (id: string) => (await rest<{ calendar: RestCalendar }>('get', `/interviewers/${id}`, { bearer: apiKey })).body.calendar;
const slotsOf = async (token: string) => (await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token })).slots.map((s) => Date.parse(s.start));

const PROVIDERS = {
  google: { addEvent: (email: string, start: number) => google.addEvent(email, { summary: 'Dentist', start: new Date(start), end: new Date(start + HOUR) }), revoke: (email: string) => google.revoke(email) },
  microsoft: {
    addEvent: (email: string, start: number) => graph.addEvent(email, { subject: 'Dentist', start: new Date(start), end: new Date(start + HOUR) }),
    revoke: (email: string) => standIn(graphOrigin, '/revocations', { email }),
  },
} as const;

describe.each(['google', 'microsoft'] as const)('an interviewer’s own %s grant', (provider) => {
  it('connects from HR’s page through the sign-in; a busy event hides its slot; revoked, HR and the API see it failing (AUTH) and the candidate still books', async () => {
    const email = `own-${provider}-${RUN}@example.test`;
    const { id } = await alwaysAvailableInterviewer(hr, `Own ${provider} ${RUN}`, 24, email);
    const status = await hr.query<{ ownGrants: Record<string, boolean> }>('hr.calendars.status', { interviewerId: id });
    expect(status.ownGrants).toEqual({ google: true, microsoft: true });

    const { url } = await hr.mutation<{ url: string }>('hr.calendars.startOwnGrant', { interviewerId: id, provider });
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    const { callback, answer } = await followSignIn(url);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`${WEB}/hr/interviewers/${id}?calendarGrant=connected`);

    // The provider's redirect again (a reload, a replay): the state is spent, nothing changes.
    const replayed = await fetch(browserUrl(callback), { redirect: 'manual' });
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain('data-outcome="STATE_USED"');

    const connected = await hr.query<{ provider: string; grant: string; calendarId: string }>('hr.calendars.status', { interviewerId: id });
    expect(connected).toMatchObject({ provider, grant: 'own', calendarId: email });
    await eventually(async () => ((await calendarOf(id)).status === 'ok' ? true : undefined), 60_000, 'the first read through the own grant');
    expect(await calendarOf(id)).toMatchObject({ provider, status: 'ok', problem: null });

    // The ATS writes the interviewer back as it read them: the own grant stays (REST's shape unchanged).
    const details = (await rest<Record<string, unknown>>('get', `/interviewers/${id}`, { bearer: apiKey })).body;
    const fields = Object.fromEntries(Object.entries(details).filter(([field]) => !['id', 'bookedNext14Days', 'calendar'].includes(field)));
    const put = await rest<{ calendar: RestCalendar }>('put', `/interviewers/${id}`, { bearer: apiKey, body: { ...fields, calendar: { provider } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(Object.keys(put.body.calendar).sort()).toEqual(Object.keys(details.calendar as object).sort());
    expect(await hr.query('hr.calendars.status', { interviewerId: id })).toMatchObject({ provider, grant: 'own' });

    const { token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: `Own ${provider} Candidate`, email: `own.${provider}.${RUN}@example.test` }, [id]);
    const busy = wholeHourAhead(5);
    expect(overlapping(await slotsOf(token), busy, busy + HOUR).length).toBeGreaterThan(0);
    await PROVIDERS[provider].addEvent(email, busy);
    await eventually(async () => (overlapping(await slotsOf(token), busy, busy + HOUR).length === 0 ? true : undefined), 60_000, 'the slot under the event to close');

    await PROVIDERS[provider].revoke(email);
    await PROVIDERS[provider].addEvent(email, busy + 3 * HOUR);
    const failing = await eventually(async () => {
      const calendar = await calendarOf(id);
      return calendar.status === 'failing' ? calendar : undefined;
    }, 90_000, 'the revoked grant to show failing');
    expect(failing).toMatchObject({ provider, problem: { code: 'AUTH' }, lastSyncAt: expect.any(String) });
    const seen = await hr.query<{ read: { failingSince: string | null; problem: { code: string } | null } }>('hr.calendars.status', { interviewerId: id });
    expect(seen.read).toMatchObject({ failingSince: expect.any(String), problem: { code: 'AUTH' } });

    const starts = await slotsOf(token);
    expect(overlapping(starts, busy, busy + HOUR)).toEqual([]);
    const chosen = wholeHourAhead(9);
    expect(starts).toContain(chosen);
    await portal.api.mutation('candidate.book', { token, start: new Date(chosen).toISOString() });
    await eventually(async () => ((await portal.api.query<{ status: string }>('candidate.view', { token })).status === 'SCHEDULED' ? true : undefined), 60_000, 'the booking');
  });
});

describe('a sign-in that does not end in a grant', () => {
  it('a refused consent comes back to HR’s page as CONSENT_DENIED and leaves the interviewer without a calendar', async () => {
    const email = `own-denied-${RUN}@example.test`;
    await standIn(googleOrigin, '/consent-refusals', { email });
    const { id } = await alwaysAvailableInterviewer(hr, `Own denied ${RUN}`, 24, email);
    const { url } = await hr.mutation<{ url: string }>('hr.calendars.startOwnGrant', { interviewerId: id, provider: 'google' });
    const { answer } = await followSignIn(url);
    expect(answer.headers.get('location')).toBe(`${WEB}/hr/interviewers/${id}?calendarGrant=CONSENT_DENIED`);
    expect(await calendarOf(id)).toMatchObject({ provider: 'none', status: 'none' });
  });

  it('a callback with a state the portal never made, or none, answers a page and changes nothing', async () => {
    for (const query of ['?code=4/0forged&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '?code=4/0forged', '?error=access_denied']) {
      const answer = await fetch(`${portal.bookingUrl}/api/calendar-grants/google/callback${query}`, { redirect: 'manual' });
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain('data-outcome="STATE_INVALID"');
    }
  });
});

describe('the page an interviewer’s own sign-in ends on', () => {
  /** An interview in `locale` booked with `interviewerId` alone; the answer link the panel's invitation carries. */
  async function answerLinkOf(interviewerId: string, interviewerEmail: string, locale: string): Promise<string> {
    const candidateEmail = `own-page-${locale}-${RUN}@example.test`;
    const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
      candidateName: 'Greta Weber',
      candidateEmail,
      candidateTimezone: 'Europe/Berlin',
      position: 'Backend Engineer',
      kind: 'technical',
      interviewerIds: [interviewerId],
      locale,
    });
    const token = linkToken(await invitationTo(portal.sinkUrl, candidateEmail, interviewId));
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    const start = slots.find((slot) => Date.parse(slot.start) > Date.now() + 2 * HOUR)?.start;
    if (start === undefined) throw new Error('no slot two hours ahead');
    await portal.api.mutation('candidate.book', { token, start });
    const invitation = await eventually(
      async () => (await sinkMessages(portal.sinkUrl, { to: interviewerEmail })).find((m) => m.Metadata.kind === 'interviewer_invitation' && m.Metadata.interviewId === interviewId),
      ASYNC_WAIT_MS,
      'the panel’s invitation',
    );
    const answer = /\/a\/([A-Za-z0-9_\-.]+)\?answer=accept/.exec(invitation.TextBody ?? '')?.[1];
    if (answer === undefined) throw new Error('no answer link in the panel’s invitation');
    return answer;
  }

  it('speaks the interview’s language when the interviewer started it from their link: German, connected, and German again when replayed', async () => {
    const email = `own-page-de-${RUN}@example.test`;
    const { id } = await alwaysAvailableInterviewer(hr, `Own page de ${RUN}`, 24, email);
    const answer = await answerLinkOf(id, email, 'de');
    const { url } = await portal.api.mutation<{ url: string }>('interviewerAnswer.connectCalendar', { token: answer, provider: 'google' });
    // The browser asks for English: the page still follows the interview the link belongs to.
    const { callback, answer: page } = await followSignIn(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de" dir="ltr">');
    expect(html).toContain('<h1>Kalender verbunden</h1>');
    expect(html).toContain('Sie können diese Seite schließen.');
    expect(await hr.query('hr.calendars.status', { interviewerId: id })).toMatchObject({ provider: 'google', grant: 'own', calendarId: email });

    const replayed = await fetch(browserUrl(callback), { redirect: 'manual', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(replayed.status).toBe(400);
    const again = await replayed.text();
    expect(again).toContain('data-outcome="STATE_USED"');
    expect(again).toContain('<html lang="de" dir="ltr">');
    expect(again).toContain('Diese Anmeldung wurde bereits verwendet.');
  });

  it('a state that opens nothing answers in the browser’s language (Arabic right to left, French), English when it asks for none the portal speaks', async () => {
    const forged = `${portal.bookingUrl}/api/calendar-grants/microsoft/callback?code=forged&state=${'A'.repeat(43)}`;
    const pages = await Promise.all(
      ['ar,en;q=0.5', 'fr-CA,fr;q=0.9', 'sv-SE'].map(async (language) => {
        const answer = await fetch(forged, { redirect: 'manual', headers: { 'accept-language': language } });
        expect(answer.status).toBe(400);
        return answer.text();
      }),
    );
    expect(pages[0]).toContain('<html lang="ar" dir="rtl">');
    expect(pages[0]).toContain('<h1>لم يتم ربط التقويم</h1>');
    expect(pages[1]).toContain('<html lang="fr" dir="ltr">');
    expect(pages[1]).toContain('Cette connexion n’a pas été lancée par le portail.');
    expect(pages[2]).toContain('<html lang="en" dir="ltr">');
    expect(pages[2]).toContain('This sign-in link is not one the portal started.');
  });
});
