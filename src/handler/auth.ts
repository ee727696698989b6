// Who may run the route: a caller holding the secret (`Authorization: Bearer <secret>`, as Vercel
// Cron sends CRON_SECRET), or QStash (a valid `Upstash-Signature`). It fails closed: with neither
// a secret nor QStash's signing keys configured, nothing runs.

import { Receiver } from '@upstash/qstash';
import { jwtVerify } from 'jose';
import type { Env } from '../env.js';
import { readBody } from '../transport/body.js';
import { BodyTooLarge } from '../transport/exchange.js';

/** Shorter secrets are refused: the route is on the internet, guessed at leisure. */
const MIN_ROUTE_SECRET = 16;
/** A bearer longer than this is not read: no secret is (they are refused above it). */
const MAX_ROUTE_SECRET = 1024;
/** A signed request's body is read up to this: QStash's schedules of the route send none. */
const MAX_SIGNED_BODY = 64 * 1024;
/** …and within this time, once its signature has been checked. */
const SIGNED_BODY_MS = 10_000;
/** QStash stamps nbf and exp by its own clock: a host's clock may be a little behind or ahead. */
const CLOCK_TOLERANCE_S = 30;

export interface AuthOptions {
  /** The bearer secret; else KEEPALIVE_SECRET, else CRON_SECRET. */
  secret?: string | undefined;
  /** QStash's signing keys; else QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY. */
  currentSigningKey?: string | undefined;
  nextSigningKey?: string | undefined;
  /**
   * The URL QStash calls, checked whole against the one it signed. Without it, the path and query
   * of the request are compared: a proxy, or next start, changes its scheme, host or port.
   */
  publicUrl?: string | undefined;
}

export interface AuthConfig {
  secret: string | undefined;
  keys: { current: string; next: string } | undefined;
  publicUrl: string | undefined;
}

/** The first of the values that is not blank (an unset secret of a deployment is often ''). */
const first = (...values: (string | undefined)[]) =>
  values.map((v) => v?.trim() ?? '').find((v) => v !== '') ?? '';

/** What is configured, or why the route cannot run (a message naming what to set, no value). */
export function authConfig(options: AuthOptions, env: Env): AuthConfig | string {
  const secret = first(options.secret, env.KEEPALIVE_SECRET, env.CRON_SECRET);
  const current = first(options.currentSigningKey, env.QSTASH_CURRENT_SIGNING_KEY);
  const next = first(options.nextSigningKey, env.QSTASH_NEXT_SIGNING_KEY);
  if (secret !== '' && !/^[\x21-\x7e]+$/.test(secret)) {
    return "The route's secret (option secret, KEEPALIVE_SECRET or CRON_SECRET) holds a space or a character that is not printable ASCII: it could never be sent as a bearer. Make one with: openssl rand -hex 32.";
  }
  if (secret !== '' && (secret.length < MIN_ROUTE_SECRET || secret.length > MAX_ROUTE_SECRET)) {
    return `The route's secret (option secret, KEEPALIVE_SECRET or CRON_SECRET) must have from ${MIN_ROUTE_SECRET} to ${MAX_ROUTE_SECRET} characters. Make one with: openssl rand -hex 32.`;
  }
  if ((current === '') !== (next === '')) {
    return 'Only one of QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY is set: set both (Upstash console → QStash → Signing keys).';
  }
  if (secret === '' && current === '') {
    return 'The route has no secret and no QStash signing keys, so it refuses every request: set KEEPALIVE_SECRET (or CRON_SECRET on Vercel) to a random string of 16 characters or more and call it with Authorization: Bearer <secret>, or set QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY for QStash.';
  }
  return {
    secret: secret || undefined,
    keys: current ? { current, next } : undefined,
    publicUrl: options.publicUrl,
  };
}

const encoder = new TextEncoder();

/**
 * Whether `given` is the secret, in time that does not depend on where they differ: both are
 * hashed first (fixed length), then every byte is compared. Hand-written: timingSafeEqual is
 * node:crypto's, which Workers do not have; WebCrypto has no comparison.
 */
async function sameSecret(given: string, secret: string): Promise<boolean> {
  const digest = async (s: string) =>
    new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(s)));
  const [a, b] = await Promise.all([digest(given), digest(secret)]);
  let difference = 0;
  for (let i = 0; i < 32; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 1);
  return difference === 0;
}

export type AuthResult =
  | { ok: true; via: 'secret' }
  | { ok: true; via: 'qstash'; messageId: string | undefined }
  | { ok: false; status: 400 | 401 | 413; reason: string };

/** Checks the request; a body is read only for a signed request, after its signature. */
export async function authenticate(request: Request, config: AuthConfig): Promise<AuthResult> {
  const header = request.headers.get('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header.slice(0, MAX_ROUTE_SECRET + 64))?.[1];
  if (bearer !== undefined && config.secret && (await sameSecret(bearer, config.secret))) {
    return { ok: true, via: 'secret' };
  }
  const signature = request.headers.get('upstash-signature');
  if (signature && config.keys) return verifySignature(request, signature, config);
  const reason =
    bearer === undefined && !signature
      ? header === ''
        ? 'no credentials: send Authorization: Bearer <secret>, or call through QStash.'
        : 'the Authorization header is not Bearer <secret>.'
      : 'the credentials were refused.';
  return { ok: false, status: 401, reason };
}

/**
 * A QStash delivery: the token's signature and claims first (jose, as the Receiver itself uses
 * it), so that an unsigned caller never has its body read; then the body, bounded in size and
 * time, and the Receiver's whole check (the body's hash, the URL) with the same keys.
 */
async function verifySignature(
  request: Request,
  signature: string,
  config: AuthConfig,
): Promise<AuthResult> {
  const keys = config.keys ?? { current: '', next: '' };
  const claims = await signedClaims(signature.slice(0, 4096), keys);
  if (!claims) return { ok: false, status: 401, reason: 'the QStash signature was refused.' };
  if (!sameDestination(claims.sub, request.url, config.publicUrl)) {
    const reason = `the QStash signature is for another URL than this route's${config.publicUrl ? ' (option publicUrl)' : ' path'}.`;
    return { ok: false, status: 401, reason };
  }
  let body: string;
  try {
    if (Number(request.headers.get('content-length') ?? '0') > MAX_SIGNED_BODY) {
      throw new BodyTooLarge();
    }
    body = await readBody(request.body, MAX_SIGNED_BODY, AbortSignal.timeout(SIGNED_BODY_MS));
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      return { ok: false, status: 413, reason: `a signed body is over ${MAX_SIGNED_BODY} bytes.` };
    }
    return { ok: false, status: 400, reason: 'the body could not be read in time.' };
  }
  // devMode false: with QSTASH_DEV set, the Receiver would accept QStash's public development keys.
  const receiver = new Receiver({
    currentSigningKey: keys.current,
    nextSigningKey: keys.next,
    devMode: false,
  });
  try {
    // The URL was checked above; the Receiver checks the rest, the body's hash included.
    await receiver.verify({ signature, body, clockTolerance: CLOCK_TOLERANCE_S });
  } catch {
    return { ok: false, status: 401, reason: 'the QStash signature was refused.' };
  }
  const jti = claims.jti;
  return { ok: true, via: 'qstash', messageId: typeof jti === 'string' ? jti : undefined };
}

/**
 * Whether the URL QStash signed (`sub`) is this route: `publicUrl` exactly when given; else the
 * same path and query as the request. Not the whole URL: behind a proxy that ends TLS, and in
 * `next start`, the request's URL has another scheme, host or port than the one QStash called
 * (Upstash's own verifySignatureAppRouter checks no URL at all).
 */
function sameDestination(signed: unknown, requestUrl: string, publicUrl: string | undefined) {
  if (typeof signed !== 'string') return false;
  if (publicUrl !== undefined) return signed === publicUrl;
  try {
    const [a, b] = [new URL(signed), new URL(requestUrl)];
    return a.pathname === b.pathname && a.search === b.search;
  } catch {
    return false;
  }
}

/** The claims of a token signed by either key, or undefined. */
async function signedClaims(token: string, keys: { current: string; next: string }) {
  for (const key of [keys.current, keys.next]) {
    try {
      const { payload } = await jwtVerify(token, encoder.encode(key), {
        issuer: 'Upstash',
        algorithms: ['HS256'],
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      return payload;
    } catch {
      // the other key, or refused
    }
  }
  return undefined;
}
