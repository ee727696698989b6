// Upstash-Signature as QStash makes it (its docs, "Verify signatures"): a JWT signed with HS256 by
// the current signing key, issuer "Upstash", subject the destination URL, `body` the base64url
// SHA-256 of the body, valid five minutes, with a message id as `jti`.

import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export const SIGNING_KEYS = {
  current: 'sig_currentKeyForTests0123456789abcdefXYZ',
  next: 'sig_nextKeyForTests0123456789abcdefXYZ0123',
};

export interface SignOptions {
  key?: string;
  url: string;
  body?: string;
  /** Seconds from now the token expires (negative: already expired). */
  expiresIn?: number;
  jti?: string;
  issuer?: string;
}

export async function qstashSignature(options: SignOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const body = createHash('sha256')
    .update(options.body ?? '')
    .digest('base64url');
  return new SignJWT({ body })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer ?? 'Upstash')
    .setSubject(options.url)
    .setIssuedAt(now - 1)
    .setNotBefore(now - 1)
    .setExpirationTime(now + (options.expiresIn ?? 300))
    .setJti(options.jti ?? `msg_${randomUUID()}`)
    .sign(new TextEncoder().encode(options.key ?? SIGNING_KEYS.current));
}
