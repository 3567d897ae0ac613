import { calendarKey, openOrganisationSecret, sealOrganisationSecret } from '@portal/calendar/credentials';
import { googleProvider, parseServiceAccountKey, type GoogleServiceAccount } from '@portal/calendar/google-provider';
import { providerProblem } from '@portal/calendar/provider';
import type { Database } from '@portal/db';
import type { OrganisationCalendarDocument } from '@portal/db/calendar-documents';
import { DomainError } from '@portal/shared/errors';
import type { Deps } from '../http/context';

const owner = (account: string) => ({ provider: 'google', account });

/** The organisation's Google service account, opened; null when none is set or its key no longer opens. */
export function openGoogleOrganisation(key: Buffer, doc: OrganisationCalendarDocument | null): GoogleServiceAccount | null {
  if (doc === null) return null;
  try {
    return { clientEmail: doc.account, privateKey: openOrganisationSecret(key, doc.secret, owner(doc.account)) };
  } catch {
    return null;
  }
}

export const readGoogleOrganisation = (db: Pick<Database, 'organisationCalendars'>) => db.organisationCalendars.findById('google').lean();

/**
 * Acts as `email` through the service account and asks free/busy for the next hour: the
 * delegation works for that person, or the refusal says why in Google's terms.
 */
export async function checkGoogleDelegation(deps: Deps, account: GoogleServiceAccount, email: string): Promise<void> {
  const grant = { kind: 'delegated' as const, ...account, subject: email };
  const now = new Date();
  try {
    await googleProvider(deps.google.clientFor(grant), email).busyAt({ from: now, to: new Date(now.getTime() + 3_600_000), zone: 'UTC' });
  } catch (error) {
    deps.google.forget(grant);
    throw new DomainError('CALENDAR_REFUSED', providerProblem(error).message, { calendarProblem: providerProblem(error).code });
  }
}

/**
 * GOOGLE_SERVICE_ACCOUNT_KEY, when set, is the organisation's Google connection: written sealed
 * into the database at start (the workflows worker reads it there), and left as it is when the
 * same key is stored already, so its channels and cached tokens stay. Unset, a connection the
 * environment wrote before is removed; one an admin set on the console stays.
 */
export async function googleOrganisationFromEnv(deps: Pick<Deps, 'db' | 'env'>): Promise<'set' | 'kept' | 'removed' | 'none'> {
  const key = calendarKey(deps.env.CALENDAR_SECRET_KEY);
  const stored = await readGoogleOrganisation(deps.db);
  if (deps.env.GOOGLE_SERVICE_ACCOUNT_KEY === undefined) {
    if (stored?.source !== 'env') return 'none';
    await deps.db.organisationCalendars.deleteOne({ _id: 'google', source: 'env' });
    return 'removed';
  }
  const account = parseServiceAccountKey(deps.env.GOOGLE_SERVICE_ACCOUNT_KEY);
  const opened = openGoogleOrganisation(key, stored);
  if (stored?.source === 'env' && opened?.clientEmail === account.clientEmail && opened.privateKey === account.privateKey) return 'kept';
  await saveGoogleOrganisation(deps.db, key, account, 'env', 'environment');
  return 'set';
}

export async function saveGoogleOrganisation(db: Pick<Database, 'organisationCalendars'>, key: Buffer, account: GoogleServiceAccount, source: 'env' | 'console', connectedBy: string): Promise<void> {
  const doc: OrganisationCalendarDocument = {
    _id: 'google',
    account: account.clientEmail,
    secret: sealOrganisationSecret(key, account.privateKey, owner(account.clientEmail)),
    source,
    connectedBy,
    updatedAt: new Date(),
  };
  await db.organisationCalendars.replaceOne({ _id: 'google' }, doc, { upsert: true });
}
