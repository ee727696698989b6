// Who may run the route: a caller holding the secret (`Authorization: Bearer <secret>`, as Vercel
// Cron sends CRON_SECRET), or QStash (a valid `Upstash-Signature`). It fails closed: with neither
// a secret nor QStash's signing keys configured, nothing runs.

import { Receiver } from '@upstash/qstash';
import type { Env } from '../env.js';
import { readBody } from '../transport/body.js';
import { BodyTooLarge } from '../transport/exchange.js';

/** Shorter secrets are refused: the route is on the internet, guessed at leisure. */
const MIN_ROUTE_SECRET = 16;

/** A signed request's body is read up to this: QStash's schedules of the route send none. */
const MAX_SIGNED_BODY = 64 * 1024;

export interface AuthOptions {
  /** The bearer secret; else KEEPALIVE_SECRET, else CRON_SECRET. */
  secret?: string | undefined;
  /** QStash's signing keys; else QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY. */
  currentSigningKey?: string | undefined;
  nextSigningKey?: string | undefined;
  /** The URL QStash calls, when the request's own URL differs (a proxy): the signature names it. */
  publicUrl?: string | undefined;
}

export interface AuthConfig {
  secret: string | undefined;
  keys: { current: string; next: string } | undefined;
  publicUrl: string | undefined;
}

/** What is configured, or why the route cannot run (a message naming what to set). */
export function authConfig(options: AuthOptions, env: Env): AuthConfig | string {
  const secret = (options.secret ?? env.KEEPALIVE_SECRET ?? env.CRON_SECRET ?? '').trim();
  const current = (options.currentSigningKey ?? env.QSTASH_CURRENT_SIGNING_KEY ?? '').trim();
  const next = (options.nextSigningKey ?? env.QSTASH_NEXT_SIGNING_KEY ?? '').trim();
  if (secret !== '' && secret.length < MIN_ROUTE_SECRET) {
    return `The route's secret (option secret, KEEPALIVE_SECRET or CRON_SECRET) has ${secret.length} characters: at least ${MIN_ROUTE_SECRET} are needed. Make one with: openssl rand -hex 32.`;
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
  const [a, b] = await Promise.all(
    [given, secret].map(
      async (s) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(s))),
    ),
  );
  let difference = 0;
  for (let i = 0; i < 32; i++) difference |= (a?.[i] ?? 0) ^ (b?.[i] ?? 1);
  return difference === 0;
}

export type AuthResult =
  | { ok: true; via: 'secret' }
  | { ok: true; via: 'qstash'; messageId: string | undefined }
  | { ok: false; status: 401 | 413; reason: string };

/** Checks the request; a body is read only for a signed request, and only within its cap. */
export async function authenticate(request: Request, config: AuthConfig): Promise<AuthResult> {
  const bearer = /^Bearer\s+(\S{1,1024})\s*$/i.exec(
    request.headers.get('authorization') ?? '',
  )?.[1];
  if (bearer !== undefined && config.secret && (await sameSecret(bearer, config.secret))) {
    return { ok: true, via: 'secret' };
  }
  const signature = request.headers.get('upstash-signature');
  if (signature && config.keys) return verifySignature(request, signature, config);
  const reason =
    bearer === undefined && !signature
      ? 'no credentials: send Authorization: Bearer <secret>, or call through QStash.'
      : 'the credentials were refused.';
  return { ok: false, status: 401, reason };
}

async function verifySignature(
  request: Request,
  signature: string,
  config: AuthConfig,
): Promise<AuthResult> {
  let body: string;
  try {
    if (Number(request.headers.get('content-length') ?? '0') > MAX_SIGNED_BODY) {
      throw new BodyTooLarge();
    }
    body = await readBody(request.body, MAX_SIGNED_BODY);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    const reason = `a signed request's body is over ${MAX_SIGNED_BODY} bytes.`;
    return { ok: false, status: 413, reason };
  }
  const keys = config.keys ?? { current: '', next: '' };
  // devMode false: with QSTASH_DEV set, the Receiver would accept QStash's public development keys.
  const receiver = new Receiver({
    currentSigningKey: keys.current,
    nextSigningKey: keys.next,
    devMode: false,
  });
  try {
    await receiver.verify({ signature, body, url: config.publicUrl ?? request.url });
  } catch {
    return { ok: false, status: 401, reason: 'the QStash signature was refused.' };
  }
  return { ok: true, via: 'qstash', messageId: signedId(signature) };
}

/**
 * The message id the verified signature carries (its `jti`): a replay of the same delivery has
 * the same one, and the maintenance applies a run id once. Read only after verification.
 */
function signedId(jwt: string): string | undefined {
  try {
    const part = jwt.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const { jti } = JSON.parse(json) as { jti?: unknown };
    return typeof jti === 'string' && jti.length <= 128 ? jti : undefined;
  } catch {
    return undefined;
  }
}
