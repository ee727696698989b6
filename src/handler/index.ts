// The route: `import { createHandler } from 'upstash-keepalive/handler'`. A Web-standard handler,
// `(request: Request) => Promise<Response>`, for Next.js, Vercel, Cloudflare Workers, Deno, Bun
// and Node: GET reads the status, POST runs the maintenance, the JSON body is keepAlive()'s
// result. It needs nothing but fetch, and never runs for a caller it cannot authenticate.

import { KeepaliveError } from '../errors.js';
import { environment, type KeepAliveOptions } from '../library/options.js';
import { runLibrary } from '../library/run.js';
import { refusedResult, type KeepAliveResult } from '../report/result.js';
import { rememberSecrets, scrub } from '../secrets.js';
import { authConfig, authenticate, type AuthOptions } from './auth.js';

export type { KeepAliveResult } from '../report/result.js';

/** The library's options (the mode comes from the method) and who may call the route. */
export type HandlerOptions = Omit<KeepAliveOptions, 'mode'> & AuthOptions;

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
  const error = scrub(new KeepaliveError(kind === 'http' ? 'http' : kind, message, fix));
  const headers: Record<string, string> =
    status === 401 ? { 'WWW-Authenticate': 'Bearer' } : status === 405 ? { Allow: ALLOW } : {};
  return json(status, refusedResult(error), headers);
}

export function createHandler(
  options: HandlerOptions = {},
): (request: Request) => Promise<Response> {
  const { secret, currentSigningKey, nextSigningKey, publicUrl, ...library } = options;
  return async (request) => {
    const mode =
      request.method === 'GET' ? 'status' : request.method === 'POST' ? 'maintenance' : undefined;
    if (!mode) {
      return refused(
        405,
        'http',
        `Method ${request.method.slice(0, 20)} is not allowed.`,
        'GET reads the status, POST runs the maintenance.',
      );
    }
    const env = environment(options.env);
    const config = authConfig({ secret, currentSigningKey, nextSigningKey, publicUrl }, env);
    // Never sent anywhere, but kept out of every text all the same, as every secret is.
    if (typeof config !== 'string') {
      rememberSecrets([config.secret ?? '', config.keys?.current ?? '', config.keys?.next ?? '']);
    }
    if (typeof config === 'string') {
      return refused(
        500,
        'input',
        config,
        'set it where the route runs (its environment), then deploy again.',
      );
    }
    const auth = await authenticate(request, config);
    if (!auth.ok) {
      return refused(
        auth.status,
        'auth',
        `Not allowed: ${auth.reason}`,
        'call the route with the secret it is configured with, or through QStash.',
      );
    }
    let result: KeepAliveResult;
    try {
      const runNonce = auth.via === 'qstash' ? auth.messageId : undefined;
      result = await runLibrary(library, mode, 'route', runNonce);
    } catch (error) {
      if (!(error instanceof KeepaliveError)) throw error;
      return json(500, refusedResult(scrub(error)));
    }
    return json(result.ok ? 200 : 503, result);
  };
}
