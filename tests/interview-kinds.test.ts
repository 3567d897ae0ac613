import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './support/api-client';
import { alwaysAvailableInterviewer, eventually, invitationTo, linkToken } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { createRestClient, type ProblemAnswer, type RestClient } from './support/rest-client';
import { SHARED_SECOND_SETTINGS, sharedPortal } from './support/shared-portal';

/**
 * The interview-kinds routes' edges over REST (issue 50), beside kind-kits.test.ts's whole journey:
 * a PUT changes only the fields it names (null back to the default; an id in the body refused, the path naming the kind), a kit
 * with a rating that has no prompt is refused naming it, a read key cannot add a kind, and an
 * archived kind refuses invitations while an interview invited before stays as it was. No booking.
 */
let portal: PortalUnderTest;
let rest: RestClient;
let key = '';
let readKey = '';
let hr: ReturnType<typeof createApiClient>;
const run = Date.now().toString(36);
const KIND = `kinds-edge-${run}`;

interface KindAnswer {
  id: string;
  titles: Record<string, string>;
  durationMinutes: number;
  minNoticeMinutes: number | null;
  archived: boolean;
  kit: { questions: { id: string }[] };
}

beforeAll(async () => {
  portal = await sharedPortal(SHARED_SECOND_SETTINGS);
  rest = createRestClient(portal.bookingUrl);
  const jar: { value?: string } = {};
  hr = createApiClient(portal.bookingUrl, jar);
  await hr.mutation('hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' });
  const cookie = jar.value ?? '';
  key = (await rest<{ key: string }>('post', '/api-keys', { cookie, body: { name: `Kinds edges ${run}`, scopes: ['read', 'write'] } })).body.key;
  readKey = (await rest<{ key: string }>('post', '/api-keys', { cookie, body: { name: `Kinds edges read ${run}`, scopes: ['read'] } })).body.key;
});

afterAll(async () => {
  await portal?.stop();
});

describe('interview kinds over REST, the edges (issue 50)', () => {
  it('PUT changes the fields given, null resets a setting, an id in the body refused; a bad kit and a read key are refused', async () => {
    const noPrompt = await rest<ProblemAnswer>('post', '/interview-kinds', {
      bearer: key,
      body: { id: `np-${KIND}`, titles: { en: 'No prompt' }, kit: { questions: [{ id: 'q1', type: 'rating', required: true }] } },
    });
    expect(noPrompt.status).toBe(400);
    expect(noPrompt.body.error).toMatchObject({ code: 'BAD_INPUT' });
    expect(noPrompt.body.error.field).toMatch(/^kit\.questions\.0/);
    expect((await rest('get', `/interview-kinds/np-${KIND}`, { bearer: key })).status).toBe(404);

    const byReader = await rest('post', '/interview-kinds', { bearer: readKey, body: { id: `r-${KIND}`, titles: { en: 'Reader' } } });
    expect(byReader.status).toBe(403);

    const made = await rest<KindAnswer>('post', '/interview-kinds', { bearer: key, body: { id: KIND, titles: { en: 'Edge', de: 'Kante' }, durationMinutes: 45, minNoticeMinutes: 120 } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ durationMinutes: 45, minNoticeMinutes: 120, archived: false });

    // An id in the body is refused (the path names the kind), and no other kind is touched.
    const otherId = await rest<ProblemAnswer>('put', `/interview-kinds/${KIND}`, { bearer: key, body: { id: 'technical', durationMinutes: 15 } });
    expect(otherId.status).toBe(400);
    expect(otherId.body.error).toMatchObject({ code: 'BAD_INPUT', field: 'id' });
    const changed = await rest<KindAnswer>('put', `/interview-kinds/${KIND}`, { bearer: key, body: { minNoticeMinutes: null } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ id: KIND, titles: { en: 'Edge', de: 'Kante' }, durationMinutes: 45, minNoticeMinutes: null });
    const technical = await rest<KindAnswer>('get', '/interview-kinds/technical', { bearer: key });
    expect(technical.body).toMatchObject({ id: 'technical', durationMinutes: 60 });
  });

  it('an archived kind refuses invitations naming kind; an interview invited before is readable and not cancelled', async () => {
    const id = `arch-${KIND}`;
    expect((await rest('post', '/interview-kinds', { bearer: key, body: { id, titles: { en: 'Archived soon' } } })).status).toBe(201);
    const pool = [await alwaysAvailableInterviewer(hr, `Kinds Edge ${run}`)];
    const invite = (who: string) =>
      rest<{ interviewId: string } & ProblemAnswer>('post', '/invitations', {
        bearer: key,
        body: { candidate: { name: who, email: `${who.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`, timezone: 'UTC' }, position: 'Engineer', kind: id, interviewerIds: pool.map((p) => p.id) },
      });
    const before = await invite('Early Candidate');
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    expect((await rest('put', `/interview-kinds/${id}`, { bearer: key, body: { archived: true } })).status).toBe(200);
    const after = await invite('Late Candidate');
    expect(after.status).toBe(400);
    expect(after.body.error).toMatchObject({ code: 'BAD_INPUT', field: 'kind' });
    const record = await rest<{ kind: string; status: string }>('get', `/interviews/${before.body.interviewId}`, { bearer: key });
    expect(record.status).toBe(200);
    expect(record.body.kind).toBe(id);
    expect(record.body.status).not.toBe('CANCELLED');
  });
  it("a kind's buffer keeps its interviewers free after its interviews, fixed at the invitation, and a claim inside it is refused", async () => {
    const id = `buf-${KIND}`;
    const made = await rest<KindAnswer & { bufferBeforeMinutes: number | null; bufferAfterMinutes: number | null }>('post', '/interview-kinds', {
      bearer: key,
      body: { id, titles: { en: 'Design with write-up' }, durationMinutes: 60, bufferAfterMinutes: 30 },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ bufferBeforeMinutes: null, bufferAfterMinutes: 30 });
    const tooLong = await rest<ProblemAnswer>('put', `/interview-kinds/${id}`, { bearer: key, body: { bufferAfterMinutes: 500 } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'BAD_INPUT', field: 'bufferAfterMinutes' });

    // One interviewer with no buffer of their own, free around the clock.
    const member = await alwaysAvailableInterviewer(hr, `Kinds Buffer ${run}`);
    const inviteAndOpen = async (who: string, kind: string) => {
      const email = `${who.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`;
      const invited = await rest<{ interviewId: string }>('post', '/invitations', {
        bearer: key,
        body: { candidate: { name: who, email, timezone: 'UTC' }, position: 'Engineer', kind, interviewerIds: [member.id] },
      });
      expect(invited.status, JSON.stringify(invited.body)).toBe(201);
      return linkToken(await invitationTo(portal.sinkUrl, email, invited.body.interviewId));
    };
    const listed = async (token: string) => (await rest<{ slots: { start: string; end: string }[] }>('get', '/candidate/slots', { bearer: token })).body.slots;
    const slotsOf = async (token: string) => (await listed(token)).map((slot) => Date.parse(slot.start));
    const design = await inviteAndOpen('Buffer Design', id);
    // Not the first time listed: on this portal it starts within seconds and can be gone by the
    // time a loaded machine's booking arrives ("That time is not offered"). A minute ahead stays.
    const slot = (await listed(design)).find((time) => Date.parse(time.start) > Date.now() + 60_000);
    if (slot === undefined) throw new Error('no slot for the design interview');
    const booked = await rest('post', '/candidate/booking', { bearer: design, body: { start: slot.start, timezone: 'UTC' } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    // This portal runs interviews in seconds; the buffer is minutes all the same.
    const [first, end] = [Date.parse(slot.start), Date.parse(slot.end)];

    // HR narrows the kind afterwards: the booked interview keeps the 30 minutes its invitation fixed.
    expect((await rest('put', `/interview-kinds/${id}`, { bearer: key, body: { bufferAfterMinutes: null } })).status).toBe(200);
    const screening = await inviteAndOpen('Buffer Screening', 'screening');
    const offered = await eventually(async () => {
      const starts = await slotsOf(screening);
      return starts.includes(first) ? undefined : starts;
    }, 30_000, 'the design booking to show in the screening listing');
    expect(offered.filter((start) => start >= end && start < end + 30 * 60_000)).toEqual([]);
    expect(offered).toContain(end + 30 * 60_000);
    // Straight after the design interview, inside its write-up time: refused, nothing booked.
    const inside = await rest<ProblemAnswer>('post', '/candidate/booking', { bearer: screening, body: { start: new Date(end).toISOString(), timezone: 'UTC' } });
    expect(inside.status).toBe(409);
    expect(inside.body.error.code).toBe('SLOT_TAKEN');
    // Past it (clear of the claims' 5-minute cells, which this portal's seconds-long times do not keep to): booked.
    const later = offered.find((start) => start >= end + 35 * 60_000);
    if (later === undefined) throw new Error('no time after the write-up');
    const after = await rest('post', '/candidate/booking', { bearer: screening, body: { start: new Date(later).toISOString(), timezone: 'UTC' } });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
  });
});
