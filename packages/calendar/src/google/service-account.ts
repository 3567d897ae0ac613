/** The parts of a Google service account's key file (the JSON Google Cloud console downloads) the portal uses. */
export interface GoogleServiceAccount {
  clientEmail: string;
  privateKey: string;
}

/**
 * Reads a service account key file's text, or throws a message naming what is wrong with it
 * (never quoting the key). Only `type`, `client_email` and `private_key` matter; the token URI
 * in the file is not followed: the portal posts to Google's (or the configured stand-in's).
 */
export function parseServiceAccountKey(text: string): GoogleServiceAccount {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('The service account key is not JSON: paste the whole key file Google Cloud downloaded.');
  }
  const key = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  if (key.type !== 'service_account') throw new Error('The key file is not a service account key ("type" must be "service_account").');
  const clientEmail = key.client_email;
  const privateKey = key.private_key;
  if (typeof clientEmail !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(clientEmail)) throw new Error('The key file has no client_email.');
  if (typeof privateKey !== 'string' || !privateKey.includes('PRIVATE KEY')) throw new Error('The key file has no private_key.');
  return { clientEmail: clientEmail.toLowerCase(), privateKey };
}
