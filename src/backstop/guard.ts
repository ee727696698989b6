// What @upstash/qstash does not offer, added around its calls: it calls the global fetch itself,
// with no signal, following redirects, reading whole answers, and it writes its failures to the
// console, unescaped. So the process gets ONE fetch wrapper and ONE console filter, installed on
// the first QStash call and never stacked, that find the current QStash call through
// AsyncLocalStorage. Inside a call: the call's time limit, no redirect followed (the token would
// go with it), an answer cut at CAPS.replyBytes (or the call's own cap), and the console silent
// (the action says what failed itself, escaped, as a warning). Outside any QStash call both are
// the originals, untouched.
//
// By hand because no package wraps a client's global fetch per call; AsyncLocalStorage is what
// keeps concurrent calls apart (a swap-and-restore per call nests and races).

import { AsyncLocalStorage } from 'node:async_hooks';
import { CAPS } from '../safe-text.js';

/** An answer refused before the client reads it; the message says what to fix. */
export class QStashAnswerError extends Error {}

/** An answer past its cap. */
export class QStashTooLargeError extends QStashAnswerError {}

interface QStashCall {
  signal: AbortSignal;
  /** The answer's cap in bytes. */
  cap: number;
}

const calls = new AsyncLocalStorage<QStashCall>();
const CONSOLE = ['log', 'info', 'warn', 'error', 'debug'] as const;
type ConsoleName = (typeof CONSOLE)[number];

let wrapper: typeof fetch | undefined;
const filters = new Map<ConsoleName, (...args: unknown[]) => void>();

/** The whole body, refused past the cap without being read further. */
async function capped(response: Response, cap: number): Promise<Response> {
  const tooLarge = () =>
    new QStashTooLargeError(
      `QStash's answer is larger than ${cap / 1024 / 1024} MiB: not QStash's API; check qstash-url.`,
    );
  if (Number(response.headers.get('content-length')) > cap) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Node types a fetch body as ReadableStream<any>; its chunks are bytes.
  const reader = response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;
  for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  const { status, statusText, headers } = response;
  return new Response(size === 0 ? null : Buffer.concat(chunks), { status, statusText, headers });
}

async function guarded(
  original: typeof fetch,
  call: QStashCall,
  input: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
): Promise<Response> {
  const signal = init?.signal ? AbortSignal.any([call.signal, init.signal]) : call.signal;
  // Outside the call's context: a wrapper of ours further down passes the request through.
  const response = await calls.exit(() => original(input, { ...init, signal, redirect: 'manual' }));
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new QStashAnswerError(
      `QStash answered a redirect (HTTP ${response.status}), not followed: check qstash-url.`,
    );
  }
  return capped(response, call.cap);
}

/** Installs the wrapper and the filters over whatever is current, unless they are still there. */
function install(): void {
  if (globalThis.fetch !== wrapper) {
    const original = globalThis.fetch;
    wrapper = (input, init) => {
      const call = calls.getStore();
      return call ? guarded(original, call, input, init) : original(input, init);
    };
    globalThis.fetch = wrapper;
  }
  for (const name of CONSOLE) {
    if (console[name] === filters.get(name)) continue;
    const original: (...args: unknown[]) => void = console[name].bind(console);
    const filter = (...args: unknown[]) => {
      if (!calls.getStore()) original(...args);
    };
    filters.set(name, filter);
    console[name] = filter;
  }
}

/** Runs `call` (the client's requests) under `signal`, guarded as said above. */
export function withinQStash<T>(
  signal: AbortSignal,
  call: () => Promise<T>,
  cap: number = CAPS.replyBytes,
): Promise<T> {
  install();
  return calls.run({ signal, cap }, call);
}
