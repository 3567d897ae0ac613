import { createHash, randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from '@portal/calendar/credentials';
import { isDuplicateKeyError, type Database } from '@portal/db';
import type { OwnGrantProvider } from '@portal/shared/calendar-grant-inputs';
import { isLocale, type Locale } from '@portal/shared/i18n/locales';

/** Why a callback's state opens nothing; the connection is left as it was. A state the portal made still names its page's language. */
export class GrantStateProblem extends Error {
  constructor(
    readonly code: 'STATE_INVALID' | 'STATE_USED' | 'STATE_EXPIRED',
    readonly locale?: Locale,
  ) {
    super(code);
    this.name = 'GrantStateProblem';
  }
}

export interface GrantStart {
  interviewerId: string;
  provider: OwnGrantProvider;
  /** An HR user's address, or `interviewer` for the interviewer's own link. */
  startedBy: string;
  /** The PKCE verifier: it never leaves the portal, and the code is worthless without it. */
  verifier: string;
  /** The language the callback's own page speaks (the interview's, from the interviewer's link). */
  locale?: Locale;
}

const keyOf = (state: string) => createHash('sha256').update(`calendar grant ${state}`).digest('base64url');
const verifierContext = (id: string) => `calendar grant verifier ${id}`;

/**
 * The started sign-ins (docs/adr/0061). Rule: a state is 256 random bits, known only to the
 * browser's round trip; the database keeps its hash and the sealed verifier. A state opens once:
 * the first callback inserts the use under the state's key (the one atomic claim, as every claim
 * here), so a replayed or raced callback is refused before anything is redeemed. It opens only
 * for the provider it was started for and only before it expires.
 */
export function calendarGrantStates(db: Pick<Database, 'calendarGrantStarts' | 'calendarGrantUses'>, key: Buffer, lifetimeMs: number) {
  return {
    async open(start: GrantStart, now = new Date()): Promise<string> {
      const state = randomBytes(32).toString('base64url');
      const id = keyOf(state);
      await db.calendarGrantStarts.create({
        _id: id,
        interviewerId: start.interviewerId,
        provider: start.provider,
        verifier: sealSecret(key, start.verifier, verifierContext(id)),
        startedBy: start.startedBy,
        ...(start.locale === undefined ? {} : { locale: start.locale }),
        createdAt: now,
        expiresAt: new Date(now.getTime() + lifetimeMs),
      });
      return state;
    },

    /** The start the state names, spent by this call; STATE_INVALID, STATE_USED or STATE_EXPIRED otherwise. */
    async take(state: string | null, provider: OwnGrantProvider, now = new Date()): Promise<GrantStart> {
      if (state === null || !/^[A-Za-z0-9_-]{43}$/.test(state)) throw new GrantStateProblem('STATE_INVALID');
      const id = keyOf(state);
      const start = await db.calendarGrantStarts.findById(id).lean();
      if (start === null || start.provider !== provider) throw new GrantStateProblem('STATE_INVALID');
      const locale = isLocale(start.locale) ? start.locale : undefined;
      try {
        await db.calendarGrantUses.create({ _id: id, usedAt: now });
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new GrantStateProblem('STATE_USED', locale);
        throw error;
      }
      if (start.expiresAt.getTime() <= now.getTime()) throw new GrantStateProblem('STATE_EXPIRED', locale);
      let verifier: string;
      try {
        verifier = openSecret(key, start.verifier, verifierContext(id));
      } catch {
        throw new GrantStateProblem('STATE_INVALID');
      }
      return {
        interviewerId: start.interviewerId,
        provider: start.provider,
        startedBy: start.startedBy,
        verifier,
        ...(locale === undefined ? {} : { locale }),
      };
    },
  };
}

export type CalendarGrantStates = ReturnType<typeof calendarGrantStates>;
