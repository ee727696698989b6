// The REST transport: the one place where a request leaves the process.
//
// It plugs into @upstash/redis as a `Requester`, so the SDK builds the commands, pipelines and
// transactions, and this class only moves them. We own the HTTP exchange instead of using the
// SDK's HttpClient because that client hides the HTTP status (a 503 and a 400 look alike to it),
// resolves rather than throws on some aborts, retries by itself and quotes request bodies in its
// errors. Here: one request per call, a hard deadline that covers the body too, no redirects,
// and every failure classified for the retry policy.

import { Redis, type Requester, type UpstashRequest, type UpstashResponse } from '@upstash/redis';
import { httpFailure, transportFailure, unexpectedResponse } from './errors.js';

export interface RestOptions {
  url: string;
  token: string;
  database: string;
  timeoutMs: number;
}

type Entry = { result?: unknown; error?: string };

export class RestTransport implements Requester {
  /** HTTP requests sent so far, counted for the report and the tests. */
  requests = 0;
  readonly readYourWrites = false;
  private readonly options: RestOptions;

  constructor(options: RestOptions) {
    this.options = options;
  }

  async request<TResult = unknown>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
    const { url, token, database, timeoutMs } = this.options;
    const target = [url, ...(req.path ?? [])].join('/');
    const signal = AbortSignal.timeout(timeoutMs);
    this.requests += 1;
    let response: Response;
    let text: string;
    try {
      response = await fetch(target, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Upstash-Encoding': 'base64',
        },
        body: JSON.stringify(req.body),
        redirect: 'manual',
        signal,
      });
      text = await response.text(); // still under the same deadline
    } catch (error) {
      throw transportFailure(error, database, timeoutMs);
    }
    const body = parseJson(text);
    const isArray = Array.isArray(req.path) && req.path.length > 0;
    if (!response.ok) {
      const bodyError = isEntry(body) && typeof body.error === 'string' ? body.error : undefined;
      throw httpFailure(
        response.status,
        response.statusText,
        bodyError,
        database,
        retryAfter(response.headers.get('retry-after')),
      );
    }
    if (body === undefined) {
      throw unexpectedResponse(database, describeNonJson(response, text));
    }
    if (isArray) {
      if (!Array.isArray(body) || !body.every(isEntry)) {
        throw unexpectedResponse(database, 'JSON that is not an array of {result|error} entries');
      }
      return body.map(decodeEntry) as UpstashResponse<TResult>;
    }
    if (!isEntry(body)) {
      throw unexpectedResponse(database, 'JSON without a result or error field');
    }
    return decodeEntry(body) as UpstashResponse<TResult>;
  }
}

/** The SDK client, with its JSON guessing off: keys are read back exactly as written. */
export class KeepaliveRedis extends Redis {
  constructor(requester: Requester) {
    super(requester);
    this.opts = { automaticDeserialization: false };
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

function describeNonJson(response: Response, text: string): string {
  const type = response.headers.get('content-type')?.split(';')[0] ?? 'no content type';
  const start = text.trim().slice(0, 60).replace(/\s+/g, ' ');
  if (start === '') return `HTTP ${response.status} with an empty body (${type})`;
  return `HTTP ${response.status} ${type} beginning "${start}"`;
}

/** Upstash-Encoding: base64 encodes every string reply except the status "OK". */
function decode(value: unknown): unknown {
  if (typeof value === 'string') {
    return value === 'OK' ? value : Buffer.from(value, 'base64').toString('utf8');
  }
  if (Array.isArray(value)) return value.map(decode);
  return value;
}

function decodeEntry(entry: Entry): Entry {
  return entry.error !== undefined ? { error: entry.error } : { result: decode(entry.result) };
}

function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
