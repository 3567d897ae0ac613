import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { STAND_IN_ADMIN_TOKEN } from './calendar-api';

/** The Workspace domain the development and test service accounts act for: the demo's and the tests' interviewers are all `@example.test`. */
export const STAND_IN_WORKSPACE_DOMAIN = 'example.test';

/**
 * A service account made up for this run and registered with the stand-in with domain-wide
 * delegation for `domains`: answers its key file's JSON text, shaped as the one Google Cloud
 * console downloads, for GOOGLE_SERVICE_ACCOUNT_KEY. The stand-in is in memory, so every run makes
 * a new one; its private key never leaves this machine.
 */
export async function standInServiceAccount(standIn: { origin: string; tokenUrl: string }, domains: readonly string[] = [STAND_IN_WORKSPACE_DOMAIN]): Promise<string> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const clientEmail = `portal-${randomBytes(4).toString('hex')}@interview-portal-dev.iam.gserviceaccount.com`;
  const response = await fetch(`${standIn.origin}/_stand-in/service-accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientEmail, publicKeyPem: publicKey, domains }),
  });
  if (!response.ok) throw new Error(`the Google Calendar stand-in refused the service account: HTTP ${response.status}`);
  return JSON.stringify({
    type: 'service_account',
    project_id: 'interview-portal-dev',
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey,
    client_email: clientEmail,
    client_id: String(BigInt(`0x${randomBytes(8).toString('hex')}`)),
    token_uri: standIn.tokenUrl,
  });
}
