// Every failure the action can meet is a KeepaliveError of one kind: what happened, what a person
// should do, and whether another attempt can possibly succeed. The retry loop reads `retryable`
// only. The failures themselves are made where they are understood: src/failures.ts (what a
// database answers), src/transport/ (what the network and HTTP do).

export type FailureKind =
  | 'input' // a workflow input is unusable
  | 'auth' // the token was rejected
  | 'read-only' // a read-only token was used for writes
  | 'timeout' // no complete answer within timeout-seconds
  | 'refused' // nothing listens at the address
  | 'dns' // the host name does not resolve
  | 'network' // connection reset, unreachable, closed early
  | 'tls' // certificate or TLS handshake problem
  | 'rate-limit' // HTTP 429 or a plan limit
  | 'server' // HTTP 5xx
  | 'http' // any other unexpected HTTP status
  | 'protocol' // the answer is not Upstash's REST JSON
  | 'command' // Redis refused one of the commands
  | 'verification' // values read back differ from those written
  | 'stale' // status: last maintenance older than max-age-hours, or too many runs missed
  | 'inactive' // the Upstash account shows the database suspended or passive, not active
  | 'internal'; // a bug: reported as one, with the log asked for

export interface FailureOptions {
  retryable?: boolean;
  /** Server-advised wait before the next attempt (Retry-After). */
  retryAfterMs?: number;
  cause?: unknown;
}

export class KeepaliveError extends Error {
  override readonly name = 'KeepaliveError';
  readonly kind: FailureKind;
  /** What the person reading the log should do about it. */
  readonly fix: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(kind: FailureKind, message: string, fix: string, options: FailureOptions = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.fix = fix;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** One line for the log, the `error` output and the step's ::error:: annotation. */
  describe(): string {
    return `${this.message} Fix: ${this.fix}`;
  }
}

/**
 * An answer larger than CAPS.replyBytes, not read further: never one of the keep-alive's own
 * replies, so something else stores large values under the prefix. status reads the history
 * in smaller parts then (modes/history-read.ts).
 */
export class ReplyTooLarge extends KeepaliveError {}

/** Who answered, and with which credentials: what a message about a refusal must name. */
export interface Target {
  database: string;
  kind: 'rest' | 'tcp';
  /** Where the token or password came from: "input 'token'", a variable, "the URL". */
  tokenSource: string;
}
