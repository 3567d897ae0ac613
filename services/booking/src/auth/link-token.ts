import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DomainError } from '@portal/shared/errors';
import { TOKEN_ALGORITHM, TOKEN_ISSUER } from '@portal/shared/tokens';

/**
 * Verifies a link's JWT with the public key alone, one algorithm, our issuer, and an `exp` that
 * must be there and ahead; the caller then checks its purpose and its claims against the data.
 */
export function verifyLinkToken(token: string, publicKey: string, messages: { expired: string; invalid: string }): jwt.JwtPayload {
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, keyObject(publicKey), { algorithms: [TOKEN_ALGORITHM], issuer: TOKEN_ISSUER });
    if (typeof decoded === 'string') throw new Error('unexpected payload');
    claims = decoded;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new DomainError('LINK_EXPIRED', messages.expired);
    throw new DomainError('LINK_INVALID', messages.invalid);
  }
  if (typeof claims.exp !== 'number') throw new DomainError('LINK_INVALID', messages.invalid);
  return claims;
}

/**
 * The key parsed once: given the PEM text, jsonwebtoken parses it again on every call (about a
 * millisecond, most of it an error it throws and catches inside). Text that is no key is passed on
 * as it is, so the verification refuses it as before.
 */
const parsed = new Map<string, KeyObject>();

function keyObject(pem: string): KeyObject | string {
  let key = parsed.get(pem);
  if (!key) {
    try {
      key = createPublicKey(pem);
    } catch {
      return pem;
    }
    parsed.set(pem, key);
  }
  return key;
}
