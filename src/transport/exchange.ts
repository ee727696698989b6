// The seam under the REST transport: one HTTP exchange. Two implementations answer to it: Node's
// own HTTP stack (http.ts, for the action and the command line, where it starts faster) and the
// platform's fetch (fetch.ts, for the library and the route, where node:http may not exist).

/** An HTTP answer, its body read whole (within the cap the request set). */
export interface HttpAnswer {
  status: number;
  statusText: string;
  /** A header's value (the last one when the server sent it twice), or null. */
  header(name: string): string | null;
  body: string;
}

export interface ExchangeOptions {
  /** Aborts the request and the reading of its body: the one deadline. */
  signal: AbortSignal;
  /** A body past this many bytes is refused (BodyTooLarge) without being buffered. */
  maxBytes: number;
}

/** POSTs `body` to `url`; never follows a redirect (a 3xx is answered as it is). */
export type HttpExchange = (
  url: string,
  headers: Record<string, string>,
  body: string,
  options: ExchangeOptions,
) => Promise<HttpAnswer>;

/** The body passed `maxBytes`: what was read so far is dropped. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
}
