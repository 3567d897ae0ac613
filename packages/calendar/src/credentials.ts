import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** A secret as stored: AES-256-GCM, a fresh 96-bit nonce per secret, base64 parts. */
export interface SealedSecret {
  iv: string;
  tag: string;
  data: string;
}

/** Development only; `parseEnv` refuses it in production like every other development secret. */
export const DEV_CALENDAR_SECRET_KEY = Buffer.alloc(32, 'dev-calendar-key').toString('base64');

/** The key from `CALENDAR_SECRET_KEY`: 32 bytes, base64. Throws a message naming the variable otherwise. */
export function calendarKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('CALENDAR_SECRET_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return key;
}

/** `context` (the interviewer id) is authenticated with the secret: a sealed password moved to another interviewer does not open. */
export function sealSecret(key: Buffer, plain: string, context: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function openSecret(key: Buffer, sealed: SealedSecret, context: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}

/** Where a calendar password belongs: its interviewer, and the server (origin) it was entered for. */
export interface PasswordOwner {
  interviewerId: string;
  serverUrl: string;
}

const boundContext = ({ interviewerId, serverUrl }: PasswordOwner) => `${interviewerId} ${new URL(serverUrl).origin}`;

/**
 * Seals a calendar password to its interviewer and its server's origin: a stored connection whose
 * server address was changed in the database (not through the portal, which asks for the password
 * again) no longer opens, so its password cannot be sent to the new address.
 */
export function sealCalendarPassword(key: Buffer, password: string, owner: PasswordOwner): SealedSecret {
  return sealSecret(key, password, boundContext(owner));
}

/**
 * Opens a stored calendar password for the connection's own server. A password sealed before the
 * origin was bound (to the interviewer alone) still opens; `legacy` says so, and whoever writes the
 * connection seals it again bound.
 */
export function openCalendarPassword(key: Buffer, sealed: SealedSecret, owner: PasswordOwner): { password: string; legacy: boolean } {
  try {
    return { password: openSecret(key, sealed, boundContext(owner)), legacy: false };
  } catch {
    return { password: openSecret(key, sealed, owner.interviewerId), legacy: true };
  }
}

/** Whose an organisation-wide connection's secret is: the provider, and the account (a service account's email, an app's id). */
export interface OrganisationSecretOwner {
  provider: string;
  account: string;
}

/** A Microsoft app registration's client secret is bound to its tenant and client id. */
export const microsoftSecretOwner = (tenantId: string, clientId: string): OrganisationSecretOwner => ({ provider: 'microsoft', account: `${tenantId} ${clientId}` });

const organisationContext = ({ provider, account }: OrganisationSecretOwner) => `organisation ${provider} ${account.toLowerCase()}`;

/**
 * Seals an organisation-wide connection's secret (a service account's private key) as the app
 * passwords are, bound to the provider and the account: moved to another account in the database,
 * it does not open.
 */
export function sealOrganisationSecret(key: Buffer, secret: string, owner: OrganisationSecretOwner): SealedSecret {
  return sealSecret(key, secret, organisationContext(owner));
}

export function openOrganisationSecret(key: Buffer, sealed: SealedSecret, owner: OrganisationSecretOwner): string {
  return openSecret(key, sealed, organisationContext(owner));
}

/**
 * The token a push channel's messages carry (Google's X-Goog-Channel-Token): derived from
 * CALENDAR_SECRET_KEY and the channel's id, so the service that opens channels and the one that
 * receives their messages agree on it without storing it anywhere.
 */
export function pushChannelToken(key: Buffer, channelId: string): string {
  return createHmac('sha256', key).update(`push channel ${channelId}`).digest('base64url');
}

/** Whose an interviewer's own OAuth grant is: the interviewer, the provider and the address granted. */
export interface GrantOwner {
  interviewerId: string;
  provider: 'google' | 'microsoft';
  calendarId: string;
}

const grantContext = ({ interviewerId, provider, calendarId }: GrantOwner) => `grant ${provider} ${interviewerId} ${calendarId.toLowerCase()}`;

/**
 * Seals an interviewer's own refresh token (docs/adr/0061) as app passwords are, bound to the
 * interviewer, the provider and the address: moved to another interviewer or address in the
 * database, it does not open.
 */
export function sealGrantToken(key: Buffer, refreshToken: string, owner: GrantOwner): SealedSecret {
  return sealSecret(key, refreshToken, grantContext(owner));
}

export function openGrantToken(key: Buffer, sealed: SealedSecret, owner: GrantOwner): string {
  return openSecret(key, sealed, grantContext(owner));
}
