import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@portal/db';
import { createApiClient } from './support/api-client';
import { alwaysAvailableInterviewer, eventually, linkToken, sinkMessages, ASYNC_WAIT_MS } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { createRestClient, type ProblemAnswer, type RestClient } from './support/rest-client';
import { SHARED_SECOND_SETTINGS, sharedPortal } from './support/shared-portal';

/**
 * Issue 50 from outside, over REST as an ATS would: a kind with a three-question kit, an interview
 * invited with it, booked, held, scored by its panel of two through their links; the answers by
 * question id in the scorecards API and in the webhook; the kit fixed on the interview; the kind
 * archived. On the shared portal whose interviews last seconds and whose follow-ups come in seconds.
 */
let portal: PortalUnderTest;
let rest: RestClient;
let db: Database;
let key = '';
let hr: ReturnType<typeof createApiClient>;
const run = Date.now().toString(36);
const SECOND = 1000;
const KIND = `system-design-${run}`;
const KIT = {
  scale: 5,
  questions: [
    { id: 'architecture', type: 'rating', required: true, prompt: { en: 'Architecture', de: 'Architektur' }, guidance: { en: 'Boundaries, data flow, failure.' } },
    { id: 'would_hire', type: 'yesno', required: false, prompt: { en: 'Would you hire?' } },
    { id: 'trade_offs', type: 'longtext', required: true, prompt: { en: 'Trade-offs discussed' } },
  ],
};

interface KindAnswer {
  id: string;
  titles: Record<string, string>;
  archived: boolean;
  kit: { scale: number; questions: { id: string }[] };
}

beforeAll(async () => {
  portal = await sharedPortal(SHARED_SECOND_SETTINGS);
  rest = createRestClient(portal.bookingUrl);
  db = await openDatabase(portal.mongoUrl);
  const jar: { value?: string } = {};
  hr = createApiClient(portal.bookingUrl, jar);
  await hr.mutation('hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' });
  const created = await rest<{ key: string }>('post', '/api-keys', { cookie: jar.value ?? '', body: { name: `Kits ATS ${run}`, scopes: ['read', 'write'] } });
  expect(created.status).toBe(201);
  key = created.body.key;
});

afterAll(async () => {
  await db?.close();
  await portal?.stop();
});

describe('interview kinds with scorecard kits, over REST (issue 50)', () => {
  it('a kind with a kit, invited, booked, held and scored by two: answers by question id in the API and the webhook; the kit fixed; the kind archived', { timeout: 300_000 }, async () => {
    // The kind, and an endpoint subscribed to scorecards: the event is stored with its body when published.
    const made = await rest<KindAnswer>('post', '/interview-kinds', { bearer: key, body: { id: KIND, titles: { en: 'System design', de: 'Systementwurf' }, panelSize: 2, kit: KIT } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ id: KIND, archived: false, kit: { scale: 5 } });
    const badKit = await rest<ProblemAnswer>('post', '/interview-kinds', {
      bearer: key,
      body: { id: `bad-${KIND}`, titles: { en: 'Bad' }, kit: { questions: [KIT.questions[0], KIT.questions[0]] } },
    });
    expect(badKit.status).toBe(400);
    expect(badKit.body.error.field).toMatch(/^kit\.questions/);
    const endpoint = await hr.mutation<{ id: string }>('hr.webhooks.create', { url: `https://ats.example.test/kits/${run}`, events: ['scorecard.submitted'], description: `kits ${run}` });

    const names = [`Kit Panel One ${run}`, `Kit Panel Two ${run}`];
    const pool = await Promise.all(names.map((name) => alwaysAvailableInterviewer(hr, name)));
    const emails = names.map((name) => `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`);
    const candidateEmail = `kits.${run}@example.test`;
    const invited = await rest<{ interviewId: string; candidateUrl: string }>('post', '/invitations', {
      bearer: key,
      body: { candidate: { name: 'Kit Candidate', email: candidateEmail, timezone: 'Europe/Berlin', locale: 'de' }, position: 'Platform Engineer', kind: KIND, interviewerIds: pool.map((p) => p.id) },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const { interviewId, candidateUrl } = invited.body;
    const record = await rest<{ kind: string; panelSize: number }>('get', `/interviews/${interviewId}`, { bearer: key });
    expect(record.body).toMatchObject({ kind: KIND, panelSize: 2 });
    // The candidate's invitation names the kind by its German title.
    const invitation = await eventually(async () => (await sinkMessages(portal.sinkUrl, { to: candidateEmail }))[0], ASYNC_WAIT_MS, 'the invitation');
    expect(`${invitation.Subject} ${invitation.TextBody}`).toContain('Systementwurf');

    // The kit edited afterwards: this interview keeps the three questions it was invited with.
    const edited = await rest<KindAnswer>('put', `/interview-kinds/${KIND}`, { bearer: key, body: { kit: { ...KIT, questions: [...KIT.questions, { id: 'extra', type: 'text', required: true, prompt: { en: 'Added later' } }] } } });
    expect(edited.body.kit.questions).toHaveLength(4);
    expect(((await db.interviews.findById(interviewId).lean())?.kit?.questions ?? []).map((q) => q.id)).toEqual(['architecture', 'would_hire', 'trade_offs']);

    // Booked a few seconds ahead; held; the panel asked for their scorecards.
    const token = candidateUrl.slice(candidateUrl.lastIndexOf('/') + 1);
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    const start = slots.find((s) => Date.parse(s.start) > Date.now() + 10 * SECOND);
    if (!start) throw new Error('no slot ahead');
    await portal.api.mutation('candidate.book', { token, start: start.start });
    await eventually(async () => (Date.now() >= Date.parse(start.start) ? true : undefined), 90_000, 'the start');
    await hr.mutation('hr.interviews.markAttendance', { interviewId, attended: true });
    const requests = await Promise.all(
      emails.map((to) => eventually(async () => (await sinkMessages(portal.sinkUrl, { to })).find((m) => m.Metadata.kind === 'feedback_request'), ASYNC_WAIT_MS, `feedback request to ${to}`)),
    );
    const [first = '', second = ''] = requests.map((m) => linkToken(m, 'f'));
    const view = await portal.api.query<{ kit: { questions: { id: string }[] } }>('feedback.view', { token: first });
    expect(view.kit.questions.map((q) => q.id)).toEqual(['architecture', 'would_hire', 'trade_offs']);

    // A required answer left out is refused, naming it; so is a rating off the kit's scale. Nothing is written.
    const card = { rating: 3, recommendation: 'YES', notes: '' };
    const missing = await fetch(`${portal.bookingUrl}/trpc/feedback.submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: first, ...card, answers: { architecture: 4 } }),
    });
    expect(missing.status).toBe(400);
    const refusal = (await missing.json()) as { error: { message: string; data: { domainCode: string; field?: string } } };
    expect(refusal.error.data).toMatchObject({ domainCode: 'BAD_INPUT', field: 'answers.trade_offs' });
    expect(refusal.error.message).toContain('trade_offs');
    await expect(portal.api.mutation('feedback.submit', { token: first, ...card, answers: { architecture: 6, trade_offs: 'x' } })).rejects.toMatchObject({ domainCode: 'BAD_INPUT' });
    expect(await db.scorecards.countDocuments({ interviewId })).toBe(0);

    await portal.api.mutation('feedback.submit', { token: first, ...card, answers: { architecture: 4, would_hire: true, trade_offs: 'Chose a queue over polling; knew why.' } });
    await portal.api.mutation('feedback.submit', { token: second, rating: 2, recommendation: 'NO', notes: '', answers: { architecture: 2, trade_offs: 'Did not weigh consistency.' } });

    const scorecards = await rest<{ kit: { questions: { id: string }[] }; items: { interviewerId: string; answers: Record<string, unknown> }[]; missing: string[] }>('get', `/interviews/${interviewId}/scorecards`, { bearer: key });
    expect(scorecards.status).toBe(200);
    expect(scorecards.body.kit.questions.map((q) => q.id)).toEqual(['architecture', 'would_hire', 'trade_offs']);
    const byInterviewer = Object.fromEntries(scorecards.body.items.map((item) => [item.interviewerId, item.answers]));
    expect(byInterviewer).toEqual({
      [pool[0]?.id ?? '']: { architecture: 4, would_hire: true, trade_offs: 'Chose a queue over polling; knew why.' },
      [pool[1]?.id ?? '']: { architecture: 2, trade_offs: 'Did not weigh consistency.' },
    });
    expect(scorecards.body.missing).toEqual([]);
    // The candidate's export carries the same answers, by question id (a subject access request).
    const exported = await rest<{ interviews: { interviewId: string; scorecards: { interviewerId: string; answers: Record<string, unknown> }[] }[] }>('post', '/candidates/export', {
      bearer: key,
      body: { email: candidateEmail },
    });
    expect(exported.status).toBe(200);
    const exportedCards = exported.body.interviews.find((interview) => interview.interviewId === interviewId)?.scorecards ?? [];
    expect(Object.fromEntries(exportedCards.map((card) => [card.interviewerId, card.answers]))).toEqual(byInterviewer);

    // The webhook's body, as it is signed and sent: the answers by question id.
    const bodies = await eventually(
      async () => {
        const events = await db.webhookEvents.find({ interviewId, type: 'scorecard.submitted' }).lean();
        return events.length === 2 ? events.map((e) => JSON.parse(e.body) as { data: { scorecard: { interviewerId: string; answers: Record<string, unknown> } } }) : undefined;
      },
      ASYNC_WAIT_MS,
      'both scorecard events',
    );
    expect(Object.fromEntries(bodies.map((b) => [b.data.scorecard.interviewerId, b.data.scorecard.answers]))).toEqual(byInterviewer);
    await hr.mutation('hr.webhooks.remove', { id: endpoint.id });

    // Archived: no new invitation names it (400 naming kind); the interview is there as it was.
    expect((await rest('put', `/interview-kinds/${KIND}`, { bearer: key, body: { archived: true } })).status).toBe(200);
    const refused = await rest<ProblemAnswer>('post', '/invitations', {
      bearer: key,
      body: { candidate: { name: 'Too Late', email: `late.${run}@example.test`, timezone: 'UTC' }, position: 'Platform Engineer', kind: KIND, interviewerIds: pool.map((p) => p.id) },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'BAD_INPUT', field: 'kind' });
    expect((await rest<{ status: string; kind: string }>('get', `/interviews/${interviewId}`, { bearer: key })).body).toMatchObject({ status: 'COMPLETED', kind: KIND });
    expect((await rest<KindAnswer>('get', `/interview-kinds/${KIND}`, { bearer: key })).body.archived).toBe(true);
  });

  it('the three seeded kinds are listed with their rules, and an unknown kind is 404', async () => {
    const list = await rest<{ items: (KindAnswer & { durationMinutes: number; panelSize: number })[] }>('get', '/interview-kinds', { bearer: key });
    const seeded = Object.fromEntries(list.body.items.filter((k) => ['technical', 'screening', 'panel'].includes(k.id)).map((k) => [k.id, [k.durationMinutes, k.panelSize, k.archived]]));
    expect(seeded).toEqual({ technical: [60, 1, false], screening: [30, 1, false], panel: [90, 2, false] });
    expect((await rest('get', '/interview-kinds/no-such-kind', { bearer: key })).status).toBe(404);
  });
});
