import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '@portal/booking/app-router';
import { alwaysAvailableInterviewer, bookAhead, inviteAndReadLink, signInAsAdmin } from './support/fixtures';
import { everyProcedure, stringPaths, withInserted, type ProcedureCall } from './support/every-procedure';
import { startPortal, type PortalUnderTest } from './support/portal-under-test';

/**
 * Text at the edge (docs/adr/0012), from outside: every procedure, every string field of a valid
 * input, every refused character. Each answer must be BAD_REQUEST naming that field, never a 500,
 * never the database's words, and the database must be as it was.
 */
const HOUR = 3_600_000;
/** The C0 controls but tab, newline and carriage return. */
const CONTROLS = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter((c) => !'\t\n\r'.includes(c));
const SURROGATES = ['\ud800', '\udc00'];
const REFUSED = [...CONTROLS, '\u007f', ...SURROGATES];

/**
 * The refused characters tried in the `n`th string field walked: two controls, DEL and a lone
 * surrogate, turning through the controls and surrogates from field to field. Every field meets
 * every kind of refused character, and every character meets a dozen fields: a field whose rule
 * lets any of them through is found, in an eighth of the calls of every character in every field
 * (5,184, over two minutes of a loaded run). TEXT_EDGE_EVERY_CHARACTER=1 tries them all everywhere.
 */
function refusedFor(n: number): string[] {
  if (process.env.TEXT_EDGE_EVERY_CHARACTER === '1') return REFUSED;
  return [CONTROLS[(2 * n) % CONTROLS.length], CONTROLS[(2 * n + 1) % CONTROLS.length], '\u007f', SURROGATES[n % SURROGATES.length]].filter((c) => c !== undefined);
}
/** What an answer must never carry: FerretDB's Go files and handlers, SQLSTATEs, driver classes, stack frames, server paths. */
const INTERNALS = /SQLSTATE|\.go:\d|msg_\w+\.go|handler\.|Mongo\w*Error|mongoose|E11000|\bat \S+ \(|node_modules|\/work\//;
const CONCURRENCY = 8;
const run = Date.now();

let portal: PortalUnderTest;
let connection: mongoose.Connection;
let cookie: string;
let procedures: Record<string, ProcedureCall>;
let candidateToken: string;
let interviewId: string;

interface Answer {
  status: number;
  text: string;
  message?: string;
  code?: string;
  domainCode?: string | null;
  fieldErrors?: Record<string, string[]>;
  formErrors?: string[];
}

/**
 * A subscription answers as a stream of server-sent events: a refusal is its first event
 * (`serialized-error`, carrying the HTTP status it stands for); a subscription that opens is read
 * no further (it would never end).
 */
async function subscribe(path: string, input: unknown): Promise<Answer> {
  const response = await fetch(`${portal.bookingUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { accept: 'text/event-stream', cookie },
    signal: AbortSignal.timeout(30_000),
  });
  const reader = response.body?.getReader();
  let text = '';
  // The stream opens with `connected`; a refusal follows it, an opened subscription sends an event with an id.
  while (reader !== undefined && !/event: serialized-error\ndata: .*\n|\nid: /.test(text)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += new TextDecoder().decode(chunk.value);
  }
  await reader?.cancel();
  const refused = /event: serialized-error\ndata: (.*)\n/.exec(text)?.[1];
  if (refused === undefined) return { status: response.status, text };
  const error = JSON.parse(refused) as { message?: string; data?: { code?: string; httpStatus?: number; domainCode?: string | null; zodError?: { fieldErrors: Record<string, string[]>; formErrors: string[] } | null } };
  const data = error.data;
  return { status: data?.httpStatus ?? 0, text: refused, message: error.message, code: data?.code, domainCode: data?.domainCode, fieldErrors: data?.zodError?.fieldErrors, formErrors: data?.zodError?.formErrors };
}

async function call(path: string, { kind, input }: ProcedureCall): Promise<Answer> {
  if (kind === 'subscription') return subscribe(path, input);
  const url = kind === 'query' ? `${portal.bookingUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}` : `${portal.bookingUrl}/trpc/${path}`;
  const response = await fetch(url, {
    method: kind === 'query' ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: kind === 'mutation' ? JSON.stringify(input) : undefined,
  });
  const text = await response.text();
  const body = JSON.parse(text) as {
    error?: { message?: string; data?: { code?: string; domainCode?: string | null; zodError?: { fieldErrors: Record<string, string[]>; formErrors: string[] } | null } };
  };
  const data = body.error?.data;
  return { status: response.status, text, message: body.error?.message, code: data?.code, domainCode: data?.domainCode, fieldErrors: data?.zodError?.fieldErrors, formErrors: data?.zodError?.formErrors };
}

/**
 * The list's fold (a schedule every 30 s) rewrites what it derives from the list moves: its counts
 * and rows, and each move's `folded` flag. A change shows as a new move, so that is what is compared.
 */
const FOLDED = new Set(['interview_list_counts', 'interview_list_rows']);

/** Every document of every collection: nothing a refused call could have written escapes it. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const db = connection.db;
  if (!db) throw new Error('no database handle');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((name) => !FOLDED.has(name)).sort();
  const read = async (name: string) => {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    return name === 'interview_list_moves' ? docs.map((move) => ({ ...move, folded: undefined })) : docs;
  };
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(name)] as const)));
}

/** What is wrong with an answer to a call with a refused character in `field`, or null when it is right. */
function problemWith(answer: Answer, field: (string | number)[]): string | null {
  const dotted = field.join('.');
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (INTERNALS.test(answer.text)) return `leaked internals: ${answer.text.slice(0, 200)}`;
  if (answer.status !== 400 || answer.code !== 'BAD_REQUEST' || answer.domainCode !== 'BAD_INPUT') return `answered ${answer.status} ${answer.code}: ${answer.message}`;
  if (!answer.message?.includes(`${dotted}: `)) return `message does not name ${dotted}: ${answer.message}`;
  const fields = Object.keys(answer.fieldErrors ?? {});
  if (fields.length !== 1 || fields[0] !== String(field[0]) || (answer.formErrors ?? []).length > 0) {
    return `field errors name ${JSON.stringify(fields)} (form: ${JSON.stringify(answer.formErrors)}), not only ${String(field[0])}`;
  }
  return null;
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CONCURRENCY) await Promise.all(items.slice(i, i + CONCURRENCY).map(work));
}

beforeAll(async () => {
  portal = await startPortal(import.meta.url);
  connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
  const hr = await signInAsAdmin(portal.api);
  const grace = await alwaysAvailableInterviewer(hr, 'Edge Grace');
  const alan = await alwaysAvailableInterviewer(hr, 'Edge Alan');
  const invited = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Casey Edge', email: `casey.${run}@example.test` }, [grace.id]);
  ({ token: candidateToken, interviewId } = invited);
  await bookAhead(portal.api, candidateToken, { min: 13 * HOUR, max: 60 * HOUR });
  const target = await hr.mutation<{ id: string }>('hr.users.create', { email: `target.${run}@example.test`, role: 'hr', password: 'a-long-enough-password' });
  const signedIn = await fetch(`${portal.bookingUrl}/trpc/hr.auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.test', password: 'dev-admin-password' }),
  });
  cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  procedures = everyProcedure({ run, candidateToken, feedbackToken: candidateToken, interviewId, interviewerId: grace.id, otherInterviewerId: alan.id, userId: target.id });
}, 240_000);

afterAll(async () => {
  await connection?.close();
  await portal?.stop();
});

describe('text at the edge, over every procedure', () => {
  it('the table holds a valid input for every procedure the router has', () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  it('a refused character in any string field of any procedure answers BAD_REQUEST naming the field; never a 500, never the driver, nothing written', async () => {
    const before = await snapshot();
    const fieldsWalked = Object.entries(procedures).flatMap(([path, procedure]) => stringPaths(procedure.input).map((field) => ({ path, procedure, field })));
    const calls = fieldsWalked.flatMap(({ path, procedure, field }, n) =>
      refusedFor(n).map((character, index) => ({ path, field, character, input: withInserted(procedure.input, field, character, (index % 3) as 0 | 1 | 2), kind: procedure.kind })),
    );
    // Every refused character is tried, in fields of many procedures.
    expect(new Set(calls.map((c) => c.character))).toEqual(new Set(REFUSED));
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const started = Date.now();
    await inBatches(calls, async ({ path, field, input, kind }) => {
      const answer = await call(path, { kind, input });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const problem = problemWith(answer, field);
      if (problem !== null) problems.push(`${path} ${field.join('.')} ${JSON.stringify(input).slice(0, 80)}: ${problem}`);
    });
    const walked = new Set(calls.map((c) => c.path));
    const fields = new Set(calls.map((c) => `${c.path} ${c.field.join('.')}`));
    console.log(
      `[text-at-the-edge] ${walked.size} procedures with string input (of ${Object.keys(procedures).length}), ${fields.size} string fields, ` +
        `${calls.length / fields.size} of the ${REFUSED.length} refused characters each: ${calls.length} calls in ${((Date.now() - started) / 1000).toFixed(1)} s; answers by status ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(await snapshot()).toEqual(before);
  }, 600_000);
});

describe('the NUL cases found from outside', () => {
  it('a NUL in any id, name or reason HR sends answers 400 naming the field, with nothing of the database in it', async () => {
    const nul = 'a\u0000b';
    const cases: [string, ProcedureCall, string][] = [
      ['hr.interviews.get', { kind: 'query', input: { interviewId: nul } }, 'interviewId'],
      ['hr.interviews.invite', { kind: 'mutation', input: { ...(procedures['hr.interviews.invite']?.input as object), interviewerIds: [nul] } }, 'interviewerIds.0'],
      ['hr.interviews.invite', { kind: 'mutation', input: { ...(procedures['hr.interviews.invite']?.input as object), candidateName: nul } }, 'candidateName'],
      ['hr.interviews.invite', { kind: 'mutation', input: { ...(procedures['hr.interviews.invite']?.input as object), position: nul } }, 'position'],
      ['hr.interviews.reschedule', { kind: 'mutation', input: { interviewId, start: new Date(Date.now() + 3 * 86_400_000).toISOString(), reason: 'why\u0000not' } }, 'reason'],
      ['hr.interviews.reschedule', { kind: 'mutation', input: { interviewId: nul, start: new Date(Date.now() + 3 * 86_400_000).toISOString(), reason: 'why' } }, 'interviewId'],
      ['hr.interviews.cancel', { kind: 'mutation', input: { interviewId, reason: 'why\u0000not' } }, 'reason'],
      ['hr.interviews.cancel', { kind: 'mutation', input: { interviewId: nul, reason: 'why' } }, 'interviewId'],
      ['hr.interviews.markAttendance', { kind: 'mutation', input: { interviewId: nul, attended: true } }, 'interviewId'],
      ['hr.interviews.resendInvitation', { kind: 'mutation', input: { interviewId: nul } }, 'interviewId'],
      ['hr.interviews.setOutcome', { kind: 'mutation', input: { interviewId: nul, outcome: 'PASSED' } }, 'interviewId'],
      ['hr.interviews.slots', { kind: 'query', input: { interviewId: nul } }, 'interviewId'],
      ['hr.interviewers.upsert', { kind: 'mutation', input: { ...(procedures['hr.interviewers.upsert']?.input as object), id: nul } }, 'id'],
      ['hr.interviewers.upsert', { kind: 'mutation', input: { ...(procedures['hr.interviewers.upsert']?.input as object), name: nul } }, 'name'],
    ];
    const before = await snapshot();
    for (const [path, procedure, field] of cases) {
      const answer = await call(path, procedure);
      expect({ path, field, status: answer.status, message: answer.message }).toEqual({ path, field, status: 400, message: `${field}: must not contain control characters` });
      expect(answer.text).not.toMatch(INTERNALS);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('an id of the wrong shape is refused before any query; a well-formed unknown one is NOT_FOUND', async () => {
    const malformed = await call('hr.interviews.get', { kind: 'query', input: { interviewId: 'not-an-interview' } });
    expect({ status: malformed.status, message: malformed.message }).toEqual({ status: 400, message: 'interviewId: must be an interview id' });
    const unknown = await call('hr.interviews.get', { kind: 'query', input: { interviewId: '00000000-0000-4000-8000-000000000000' } });
    expect({ status: unknown.status, code: unknown.domainCode }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('a candidate cancelling a booked interview with a NUL in the reason is told within a second; the interview stays booked and the next cancel goes through', async () => {
    const before = await snapshot();
    const started = Date.now();
    const refused = await call('candidate.cancel', { kind: 'mutation', input: { token: candidateToken, reason: 'why\u0000not' } });
    const elapsed = Date.now() - started;
    expect({ status: refused.status, message: refused.message }).toEqual({ status: 400, message: 'reason: must not contain control characters' });
    expect(elapsed).toBeLessThan(1_000);
    expect(await snapshot()).toEqual(before);
    const download = await fetch(`${portal.bookingUrl}/api/ics/${encodeURIComponent(`${candidateToken}\u0000`)}`);
    expect({ status: download.status, text: await download.text() }).toEqual({ status: 400, text: 'This link is not valid.' });

    const cancelled = await portal.api.mutation<{ status: string }>('candidate.cancel', { token: candidateToken, reason: 'why not' });
    expect(cancelled.status).toBe('CANCELLED');
  });
});
