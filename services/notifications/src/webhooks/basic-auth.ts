import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the secret.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** HTTP basic auth, as Postmark sends it when the webhook URL is https://user:password@host/... */
export function basicAuth(user: string, password: string, realm: string): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const [scheme, encoded] = header.split(' ');
    const decoded = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    const split = decoded.indexOf(':');
    const userOk = split >= 0 && sameSecret(decoded.slice(0, split), user);
    const passwordOk = split >= 0 && sameSecret(decoded.slice(split + 1), password);
    if (userOk && passwordOk) {
      next();
      return;
    }
    res.set('WWW-Authenticate', `Basic realm="${realm}", charset="UTF-8"`).status(401).json({ error: 'Unauthorized' });
  };
}
