import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

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
