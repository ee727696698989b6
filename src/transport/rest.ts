// The REST transport: the one place where a request leaves the process.
//
// It has the shape of @upstash/redis's `Requester`, and the modes hand it the command arrays of
// src/modes/commands.ts (held equal to what the SDK builds by a test); this class only moves them.
// We own the HTTP exchange instead of using the SDK's HttpClient because that client hides the
// HTTP status (a 503 and a 400 look alike to it), resolves rather than throws on some aborts,
// retries by itself and quotes request bodies in its errors. Here: one request per call
// (src/transport/http.ts), a hard deadline that covers the body
// too, no redirects, a size cap, and every failure classified for the retry policy.

import type { Requester, UpstashRequest, UpstashResponse } from '@upstash/redis';
import type { RestConnection } from '../connections/index.js';
import { KeepaliveError, ReplyTooLarge } from '../errors.js';
import { httpFailure, unexpectedResponse } from './rest-errors.js';
import { transportFailure } from './network.js';
import { BodyTooLarge, type HttpAnswer, type HttpExchange } from './exchange.js';
import { CAPS, outside } from '../safe-text.js';
import { decodeEntry, NotBase64, type Entry } from './encoding.js';
import { CountedRequester } from './index.js';

export interface RestOptions extends RestConnection {
  timeoutMs: number;
}

/** `exchange`: node:http for the action and the command line, fetch for the library. */
export class RestTransport extends CountedRequester implements Requester {
  private readonly options: RestOptions & { exchange: HttpExchange };

  constructor(options: RestOptions, exchange: HttpExchange) {
    super();
    this.options = { ...options, exchange };
  }

  async request<TResult = unknown>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
    const { url, token, database, timeoutMs } = this.options;
    const target = [url, ...(req.path ?? [])].join('/');
    const signal = AbortSignal.timeout(timeoutMs);
    this.requests += 1;
    let response: HttpAnswer;
    try {
      const headers = {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Upstash-Encoding': 'base64',
      };
      const body = JSON.stringify(req.body);
      response = await this.options.exchange(target, headers, body, {
        signal,
        maxBytes: CAPS.replyBytes,
      });
    } catch (error) {
      if (error instanceof BodyTooLarge) throw tooLarge(database);
      throw transportFailure(error, database, timeoutMs);
    }
    const text = response.body;
    const shape = tooComplex(text);
    if (shape) throw unexpectedResponse(database, shape);
    const body = parseJson(text);
    const isArray = Array.isArray(req.path) && req.path.length > 0;
    if (response.status < 200 || response.status > 299) {
      const bodyError = isEntry(body) && typeof body.error === 'string' ? body.error : undefined;
      throw httpFailure(
        response.status,
        response.statusText,
        bodyError,
        this.options,
        retryAfter(response.header('retry-after')),
      );
    }
    if (body === undefined) {
      throw unexpectedResponse(database, describeNonJson(response, text));
    }
    if (isArray && (!Array.isArray(body) || !body.every(isEntry))) {
      throw unexpectedResponse(database, 'JSON that is not an array of {result|error} entries');
    }
    if (!isArray && !isEntry(body)) {
      throw unexpectedResponse(database, 'JSON without a result or error field');
    }
    try {
      const decoded = Array.isArray(body) ? body.map(decodeEntry) : decodeEntry(body as Entry);
      return decoded as UpstashResponse<TResult>;
    } catch (error) {
      if (!(error instanceof NotBase64)) throw error;
      throw unexpectedResponse(database, 'a string reply that is not base64 (Upstash-Encoding)');
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return 'result' in value || (typeof (value as Entry).error === 'string' && !('result' in value));
}

/** A keep-alive reply is a few hundred bytes: a body past CAPS.replyBytes is not one of ours. */
function tooLarge(database: string): KeepaliveError {
  return new ReplyTooLarge(
    'protocol',
    `The answer of ${database} is larger than ${CAPS.replyBytes / 1024 / 1024} MiB: not a reply of the keep-alive's commands; it was not read further.`,
    'check the URL is the REST URL of the database, and that nothing else stores huge values under the key prefix.',
  );
}

/** The first characters of a body that is not the JSON expected, on one line, for a message. */
export const bodyStart = (text: string): string =>
  outside(text.trim().slice(0, 60).replace(/\s+/g, ' '), 60);

export function describeNonJson(response: HttpAnswer, text: string): string {
  const type = outside(response.header('content-type')?.split(';')[0] ?? 'no content type', 60);
  const start = bodyStart(text);
  if (start === '') return `HTTP ${response.status} with an empty body (${type})`;
  return `HTTP ${response.status} ${type} beginning "${start}"`;
}

/**
 * Replies of the keep-alive's commands hold a few dozen values, nested two deep. An answer with
 * far more, or nested far deeper, is refused before it is parsed: parsing would cost memory in
 * proportion to its elements (a 1 MiB body of `{}` is 500,000 objects), and nesting the stack.
 */
const MAX_ELEMENTS = 10_000;
const MAX_DEPTH = 16;

export function tooComplex(text: string, maxElements = MAX_ELEMENTS): string | undefined {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // \ escapes the next character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
    if (c === 0x2c || c === 0x5b || c === 0x7b) elements++;
  }
  if (deepest > MAX_DEPTH) return `JSON nested ${deepest} levels deep`;
  if (elements > maxElements) return `JSON of more than ${maxElements} elements`;
  return undefined;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when unreadable. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.length > 64) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
