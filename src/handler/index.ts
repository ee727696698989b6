// The route: `import { createHandler } from 'upstash-keepalive/handler'`. A Web-standard handler,
// `(request: Request) => Promise<Response>`, for Next.js, Vercel, Cloudflare Workers, Deno, Bun
// and Node: GET reads the status, POST runs the maintenance, the JSON body is keepAlive()'s
// result. It needs nothing but fetch, and never runs for a caller it cannot authenticate.

import { KeepaliveError } from '../errors.js';
import { environment, type KeepAliveOptions } from '../library/options.js';
import { runLibrary } from '../library/run.js';
import { refusedResult, type KeepAliveResult } from '../report/result.js';
import { outside } from '../safe-text.js';
import { rememberSecrets, scrub } from '../secrets.js';
import { authConfig, authenticate, type AuthOptions } from './auth.js';

export type { KeepAliveResult } from '../report/result.js';

/**
 * The library's options (the mode comes from the method) and who may call the route. `get`: what
 * a GET runs, `status` (the default) or `maintenance`, for a scheduler that can only GET.
 */
export type HandlerOptions = Omit<KeepAliveOptions, 'mode'> &
  AuthOptions & { get?: 'status' | 'maintenance' };

const ALLOW = 'GET, POST';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  });
}

/** A refusal in the result's shape: what happened and what to do, never a secret. */
function refused(status: number, kind: 'auth' | 'input' | 'http', message: string, fix: string) {
  const error = scrub(new KeepaliveError(kind, message, fix));
  const headers: Record<string, string> =
    status === 401 ? { 'WWW-Authenticate': 'Bearer' } : status === 405 ? { Allow: ALLOW } : {};
  return json(status, refusedResult(error), headers);
}

/**
 * What an authenticated request runs: POST the maintenance; GET the status, or what `get` says.
 * Vercel Cron can only GET (its user agent is vercel-cron/…): its GET, which must hold the
 * secret, runs the maintenance, or the recipe Vercel documents would never write.
 */
function modeOf(request: Request, get: HandlerOptions['get'], via: 'secret' | 'qstash') {
  if (request.method === 'POST') return 'maintenance';
  const cron = via === 'secret' && /^vercel-cron\//i.test(request.headers.get('user-agent') ?? '');
  return cron ? 'maintenance' : (get ?? 'status');
}

export function createHandler(
  options: HandlerOptions = {},
): (request: Request) => Promise<Response> {
  const { secret, currentSigningKey, nextSigningKey, publicUrl, get, ...library } = options;
  let told = false;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'POST') {
      const method = outside(request.method, 20);
      const fix = 'GET reads the status, POST runs the maintenance.';
      return refused(405, 'http', `Method ${method} is not allowed.`, fix);
    }
    const env = environment(options.env);
    const config = authConfig({ secret, currentSigningKey, nextSigningKey, publicUrl }, env);
    if (typeof config === 'string') {
      const fix = 'set it where the route runs (its environment), then deploy again.';
      // Said in the server's log too, once: whoever deploys it reads that, not the 500's body.
      if (!told) console.error(`upstash-keepalive: ${config}`);
      told = true;
      return refused(500, 'input', config, fix);
    }
    // Never sent anywhere, but kept out of every text all the same, as every secret is.
    rememberSecrets([config.secret ?? '', config.keys?.current ?? '', config.keys?.next ?? '']);
    const auth = await authenticate(request, config);
    if (!auth.ok) {
      const fix = 'call the route with the secret it is configured with, or through QStash.';
      return refused(auth.status, 'auth', `Not allowed: ${auth.reason}`, fix);
    }
    let result: KeepAliveResult;
    try {
      const runNonce = auth.via === 'qstash' ? auth.messageId : undefined;
      const mode = modeOf(request, get, auth.via);
      result = await runLibrary(library, mode, 'route', { runNonce, env });
    } catch (error) {
      if (!(error instanceof KeepaliveError)) throw error;
      return json(500, refusedResult(scrub(error)));
    }
    return json(result.ok ? 200 : 503, result);
  };
}
