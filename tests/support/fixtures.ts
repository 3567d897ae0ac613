import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, type createApiClient } from './api-client';
import type { PortalUnderTest } from './portal-under-test';

export interface SinkMessage {
  MessageID: string;
  SubmittedAt: string;
  To: string;
  Subject: string;
  HtmlBody?: string;
  TextBody?: string;
  Tag?: string;
  Metadata: Record<string, string>;
  Attachments: { Name: string; Content: string; ContentType: string }[];
}

export async function sinkMessages(sinkUrl: string, filter: { to?: string; tag?: string }): Promise<SinkMessage[]> {
  const query = new URLSearchParams(filter as Record<string, string>);
  const response = await readAgainOnReset(() => fetch(`${sinkUrl}/api/messages?${query}`));
  const body = (await response.json()) as { messages: SinkMessage[] };
  return body.messages.sort((a, b) => a.SubmittedAt.localeCompare(b.SubmittedAt));
}

/**
 * A read asked again when its kept-alive connection was closed under it: on a loaded machine the
 * sink (in vitest's main process) can close an idle socket just as a test file's worker, whose
 * timers ran late, sends on it ("fetch failed", ECONNRESET). A read changes nothing, so a second
 * one answers the same.
 */
async function readAgainOnReset(read: () => Promise<Response>, attempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof TypeError) || attempt >= attempts) throw error;
      await sleep(100 * attempt);
    }
  }
}

/**
 * Sends `calls` while the workflows worker is down, so the server hands them all to the workflow
 * in one task once it is back: the closest together two clicks can arrive. Answers what
 * succeeded and what was refused.
 */
export async function deliveredTogether<T>(
  portal: Pick<PortalUnderTest, 'kill'>,
  calls: () => Promise<T>[],
): Promise<{ succeeded: T[]; refused: ApiError[] }> {
  const restart = await portal.kill('workflows');
  const settled = Promise.allSettled(calls());
  await sleep(2_000);
  await restart();
  const results = await settled;
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  for (const reason of refused) if (!(reason instanceof ApiError)) throw reason;
  return {
    succeeded: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    refused: refused as ApiError[],
  };
}

/**
 * The first `count` offered starts at least `leadMs` from now and each at least `gapMs` after the
 * one before: times that a race can book without any two overlapping.
 */
export function spacedStarts(slots: { start: string }[], count: number, leadMs: number, gapMs: number): string[] {
  const starts: string[] = [];
  for (const slot of slots) {
    const start = Date.parse(slot.start);
    const previous = starts.at(-1);
    const clear = previous === undefined ? start > Date.now() + leadMs : start >= Date.parse(previous) + gapMs;
    if (clear && starts.length < count) starts.push(slot.start);
  }
  return starts;
}

/**
 * How long a test waits for what the portal does on its own: a message in the sink, a lifecycle's
 * step, a provider's call. A wait is not a timing assert: four files on two cores, on portals that
 * share one Temporal server, have taken over 30 s for one invitation (docs/testing.md).
 */
export const ASYNC_WAIT_MS = 60_000;

/** Polls until `check` returns a value; the sink and workflows are asynchronous by nature. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = ASYNC_WAIT_MS, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** A wait for a message that ran out says where the send stands in each interview (whereIsMessage). */
export const explainedWait = (interviewIds: string[], kind: string) => async (error: unknown): Promise<never> => {
  // Loaded only when a wait ran out: most files never need the Temporal client.
  const { whereIsMessage } = await import('./temporal-client');
  const where = await Promise.all(interviewIds.map(async (id) => `${id}: ${await whereIsMessage(id, kind)}`));
  throw new Error(`${String(error)} (${where.join(' | ')})`);
};

export function linkToken(message: SinkMessage, path: 'b' | 'f' = 'b'): string {
  const match = new RegExp(`/${path}/([A-Za-z0-9_\\-.]+)`).exec(message.TextBody ?? message.HtmlBody ?? '');
  if (!match?.[1]) throw new Error(`no ${path === 'b' ? 'candidate' : 'feedback'} link in "${message.Subject}"`);
  return match[1];
}

type Api = ReturnType<typeof createApiClient>;

export async function signInAsAdmin(api: Api) {
  const hr = api.withSession();
  await hr.mutation('hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' });
  return hr;
}

/**
 * An interviewer free around the clock in UTC, so slots exist whenever the test runs. The address
 * comes from the name unless given (a long name would make one past an address's limits).
 */
export async function alwaysAvailableInterviewer(hr: Api, name = 'Grace Hopper', maxPerDay = 24, email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`) {
  return hr.mutation<{ id: string }>('hr.interviewers.upsert', alwaysAvailableFields(name, maxPerDay, email));
}

/** The fields of an interviewer free around the clock in UTC, as the console and `POST /api/v1/interviewers` take them. */
export function alwaysAvailableFields(name: string, maxPerDay = 24, email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`) {
  return {
    name,
    email,
    timezone: 'UTC',
    weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] })),
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    maxPerDay,
    active: true,
  };
}

/** What `hr.interviewers.upsert` takes back of a listed interviewer. */
export function editableInterviewer(doc: Record<string, unknown>) {
  const { name, email, timezone, weekly, overrides, timeOff, bufferBeforeMinutes, bufferAfterMinutes, maxPerDay, weeklyLimit, monthlyLimit, active } = doc;
  return { name, email, timezone, weekly, overrides, timeOff, bufferBeforeMinutes, bufferAfterMinutes, maxPerDay, weeklyLimit, monthlyLimit, active };
}

export async function inviteAndReadLink(
  hr: Api,
  sinkUrl: string,
  candidate: { name: string; email: string },
  interviewerIds: string[],
  position = 'Backend Engineer',
  panel: { kind?: 'technical' | 'panel'; panelSize?: number; availabilityAction?: 'book' | 'offer' } = {},
) {
  const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
    candidateName: candidate.name,
    candidateEmail: candidate.email,
    candidateTimezone: 'Europe/London',
    position,
    kind: panel.kind ?? 'technical',
    ...(panel.panelSize === undefined ? {} : { panelSize: panel.panelSize }),
    ...(panel.availabilityAction === undefined ? {} : { availabilityAction: panel.availabilityAction }),
    interviewerIds,
  });
  const invitation = await invitationTo(sinkUrl, candidate.email, interviewId);
  return { interviewId, token: linkToken(invitation), invitation };
}

/** The invitation to `email` for `interviewId` (the first message about it) once the sink has it; a wait that runs out says where its send stands. */
export function invitationTo(sinkUrl: string, email: string, interviewId: string): Promise<SinkMessage> {
  return eventually(
    async () => (await sinkMessages(sinkUrl, { to: email })).find((m) => m.Metadata.interviewId === interviewId),
    ASYNC_WAIT_MS,
    `invitation to ${email}`,
  ).catch(explainedWait([interviewId], 'invitation'));
}

/** `people` invited ten at a time, each with their link, in their order. */
export async function inviteInTens(
  hr: Api,
  sinkUrl: string,
  people: { name: string; email: string }[],
  interviewerIds: string[],
  position?: string,
  panel?: { kind?: 'technical' | 'panel'; panelSize?: number },
) {
  const invited: Awaited<ReturnType<typeof inviteAndReadLink>>[] = [];
  for (let from = 0; from < people.length; from += 10) {
    invited.push(...(await Promise.all(people.slice(from, from + 10).map((person) => inviteAndReadLink(hr, sinkUrl, person, interviewerIds, position, panel)))));
  }
  return invited;
}

/** Slots sit on a grid (whole minutes, or seconds): waits for the one whose start is between `min` and `max` from now, then books it. */
export async function bookAhead(api: Api, token: string, { min, max }: { min: number; max: number }, extra: Record<string, unknown> = {}): Promise<number> {
  for (;;) {
    const { slots } = await api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    const now = Date.now();
    const starts = slots.map((s) => Date.parse(s.start));
    const start = starts.find((s) => s - now >= min && s - now <= max);
    if (start !== undefined) {
      await api.mutation('candidate.book', { token, start: new Date(start).toISOString(), ...extra });
      return start;
    }
    const next = starts.find((s) => s - now > max);
    if (next === undefined) throw new Error('no slot far enough ahead');
    await sleep(next - now - max + 250);
  }
}
