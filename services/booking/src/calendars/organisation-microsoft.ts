import { calendarKey, microsoftSecretOwner, openOrganisationSecret, sealOrganisationSecret } from '@portal/calendar/credentials';
import { microsoftProvider, type MicrosoftApp } from '@portal/calendar/microsoft-provider';
import { providerProblem } from '@portal/calendar/provider';
import type { Database } from '@portal/db';
import type { OrganisationCalendarDocument } from '@portal/db/calendar-documents';
import { DomainError } from '@portal/shared/errors';
import type { Deps } from '../http/context';

/** The organisation's Microsoft app registration, opened; null when none is set or its secret no longer opens. */
export function openMicrosoftOrganisation(key: Buffer, doc: OrganisationCalendarDocument | null): MicrosoftApp | null {
  if (doc?.tenantId === undefined) return null;
  try {
    return { tenantId: doc.tenantId, clientId: doc.account, clientSecret: openOrganisationSecret(key, doc.secret, microsoftSecretOwner(doc.tenantId, doc.account)) };
  } catch {
    return null;
  }
}

export const readMicrosoftOrganisation = (db: Pick<Database, 'organisationCalendars'>) => db.organisationCalendars.findById('microsoft').lean();

/**
 * Takes an app-only token for the registration and asks getSchedule about `email` for the next
 * hour: the app is consented for that mailbox, or the refusal says why in Graph's or Entra's terms
 * (a wrong secret is `invalid_client`, a mailbox outside the tenant `ErrorInvalidUser`).
 */
export async function checkMicrosoftApp(deps: Pick<Deps, 'microsoft'>, app: MicrosoftApp, email: string): Promise<void> {
  const now = new Date();
  try {
    await microsoftProvider(deps.microsoft.clientFor(app), email).busyAt({ from: now, to: new Date(now.getTime() + 3_600_000), zone: 'UTC' });
  } catch (error) {
    deps.microsoft.forget(app);
    throw new DomainError('CALENDAR_REFUSED', providerProblem(error).message, { calendarProblem: providerProblem(error).code });
  }
}

/**
 * MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET, when set, are the
 * organisation's Microsoft 365 connection (app-only, `Calendars.ReadWrite` consented by the
 * tenant's admin): written sealed into the database at start, and left as they are when the same
 * app is stored already, so its subscriptions and cached token stay. Unset, a connection the
 * environment wrote before is removed; one an admin set on the console stays.
 */
export async function microsoftOrganisationFromEnv(deps: Pick<Deps, 'db' | 'env'>): Promise<'set' | 'kept' | 'removed' | 'none'> {
  const key = calendarKey(deps.env.CALENDAR_SECRET_KEY);
  const stored = await readMicrosoftOrganisation(deps.db);
  const { MICROSOFT_TENANT_ID: tenantId, MICROSOFT_CLIENT_ID: clientId, MICROSOFT_CLIENT_SECRET: clientSecret } = deps.env;
  if (tenantId === undefined || clientId === undefined || clientSecret === undefined) {
    if (stored?.source !== 'env') return 'none';
    await deps.db.organisationCalendars.deleteOne({ _id: 'microsoft', source: 'env' });
    return 'removed';
  }
  const opened = openMicrosoftOrganisation(key, stored);
  if (stored?.source === 'env' && opened?.tenantId === tenantId && opened.clientId === clientId && opened.clientSecret === clientSecret) return 'kept';
  await saveMicrosoftOrganisation(deps.db, key, { tenantId, clientId, clientSecret }, 'env', 'environment');
  return 'set';
}

export async function saveMicrosoftOrganisation(db: Pick<Database, 'organisationCalendars'>, key: Buffer, app: MicrosoftApp, source: 'env' | 'console', connectedBy: string): Promise<void> {
  const doc: OrganisationCalendarDocument = {
    _id: 'microsoft',
    account: app.clientId,
    tenantId: app.tenantId,
    secret: sealOrganisationSecret(key, app.clientSecret, microsoftSecretOwner(app.tenantId, app.clientId)),
    source,
    connectedBy,
    updatedAt: new Date(),
  };
  await db.organisationCalendars.replaceOne({ _id: 'microsoft' }, doc, { upsert: true });
}
