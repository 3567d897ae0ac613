import type { Database } from './database';
import type { InterviewDocument } from './models/interview';
import { DomainError } from '@portal/shared/errors';
import type { InterviewChangesInput } from '@portal/shared/schemas';

/**
 * The change feed integrations sync from: interviews ordered by (updatedAt, id), oldest change
 * first, read after a position. A changed interview moves to the end, so a client that keeps the
 * last cursor sees every change again at least once; the order is total, so a page never repeats
 * or skips an unchanged interview. The cursor is the position of the last interview returned.
 * One indexed range read ({updatedAt, _id}) on MongoDB; FerretDB v1 scans for it (docs/adr/0023,
 * `pnpm bench:feed`).
 */
interface Position {
  at: number;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && Number.isFinite(value[0]) && typeof value[1] === 'string') {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the refusal: a cursor is only ever one we gave out.
  }
  throw new DomainError('BAD_INPUT', 'cursor: not a cursor this API gave out', { field: 'cursor' });
}

function afterFilter(input: InterviewChangesInput): Record<string, unknown> {
  if (input.cursor !== undefined) {
    const { at, id } = decodeCursor(input.cursor);
    const when = new Date(at);
    return { $or: [{ updatedAt: { $gt: when } }, { updatedAt: when, _id: { $gt: id } }] };
  }
  return input.updatedSince === undefined ? {} : { updatedAt: { $gte: new Date(input.updatedSince) } };
}

export async function readInterviewChanges(
  db: Pick<Database, 'interviews'>,
  input: InterviewChangesInput,
): Promise<{ items: InterviewDocument[]; nextCursor: string | null; hasMore: boolean }> {
  const filter = { ...afterFilter(input), ...(input.status === undefined ? {} : { status: input.status }) };
  const found = await db.interviews.find(filter).sort({ updatedAt: 1, _id: 1 }).limit(input.limit + 1).lean<InterviewDocument[]>();
  const items = found.slice(0, input.limit);
  const last = items.at(-1);
  // Past the end the position stays where it was, so the same cursor asks again later.
  const nextCursor = last === undefined ? (input.cursor ?? null) : encodeCursor({ at: last.updatedAt.getTime(), id: last._id });
  return { items, nextCursor, hasMore: found.length > input.limit };
}
