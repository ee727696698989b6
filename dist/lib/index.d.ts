export type FailureKind = "input" | "auth" | "read-only" | "timeout" | "refused" | "dns" | "network" | "tls" | "rate-limit" | "server" | "http" | "protocol" | "command" | "verification" | "stale" | "inactive" | "internal";
interface FailureOptions {
	retryable?: boolean;
	/** Server-advised wait before the next attempt (Retry-After). */
	retryAfterMs?: number;
	cause?: unknown;
}
export declare class KeepaliveError extends Error {
	readonly name = "KeepaliveError";
	readonly kind: FailureKind;
	/** What the person reading the log should do about it. */
	readonly fix: string;
	readonly retryable: boolean;
	readonly retryAfterMs: number | undefined;
	constructor(kind: FailureKind, message: string, fix: string, options?: FailureOptions);
	/** One line for the log, the `error` output and the step's ::error:: annotation. */
	describe(): string;
}
type BackstopState = "created" | "updated" | "active" | "off";
interface HistoryEntry {
	at: string;
	outcome: string;
	"run-id": string;
	event: string;
	repository: string;
}
interface Gap {
	from: string;
	/** The run that ended it, or undefined for the time since the last run. */
	to: string | undefined;
	hours: number;
	/** Runs that would have fitted in it at the usual interval. */
	missed: number;
}
declare const MODES: readonly [
	"ping",
	"maintenance",
	"status"
];
type Mode = (typeof MODES)[number];
/** An error as data: what went wrong, and what to do about it. */
export interface ErrorFields {
	kind: FailureKind;
	message: string;
	fix: string;
}
export interface DatabaseResult {
	database: string;
	/** Where its URL came from: "input 'url'", a line of it, or an environment variable. */
	source: string;
	ok: boolean;
	reply: string | null;
	"latency-ms": number | null;
	attempts: number;
	"maintenance-count": number | null;
	"last-maintenance": string | null;
	"previous-maintenance": string | null;
	"runs-in-history": number | null;
	"median-interval-hours": number | null;
	"longest-gap-hours": number | null;
	"missed-runs": number | null;
	/** The QStash backstop as this run left it; null when this run did not look at it. */
	backstop: BackstopState | null;
	"backstop-last-beat": string | null;
	"backstop-beats": number | null;
	/** true when an earlier attempt of this run had already applied the maintenance. */
	replayed: boolean;
	error: ErrorFields | null;
}
/** One database's history of runs: the raw entries, newest first, and the gaps found in it. */
export interface HistoryRecord {
	database: string;
	entries: HistoryEntry[];
	gaps: Gap[];
}
export interface KeepAliveResult {
	/** Every database kept alive (with fail-on all: at least one). */
	ok: boolean;
	/** null when the settings were refused before any database was tried. */
	mode: Mode | null;
	databases: DatabaseResult[];
	/** What the sparkline and the chart draw: each database's history, when it has one. */
	histories: HistoryRecord[];
	/** The run's failure: a refused setting, or which databases failed and what to do. */
	error: ErrorFields | null;
}
/** What keepAlive() and createHandler() take; every field may be left out. */
export interface KeepAliveOptions {
	/** maintenance (the default: a verified write), ping, or status (reads only). */
	mode?: "maintenance" | "ping" | "status";
	/** REST URL of the database, or one per database; else UPSTASH_REDIS_REST_URL, KV_REST_API_URL. */
	url?: string | string[];
	/** REST token, one per URL in the same order; else UPSTASH_REDIS_REST_TOKEN, KV_REST_API_TOKEN. */
	token?: string | string[];
	/** Several databases at once, instead of url and token. */
	databases?: {
		url: string;
		token: string;
	}[];
	/**
	 * Where the variables are read: a Worker's `env`; by default process.env where it exists.
	 * `object`: an interface such as the Env `wrangler types` writes has no index signature.
	 */
	env?: object;
	keyPrefix?: string;
	timeoutSeconds?: number;
	maxAttempts?: number;
	maxAgeHours?: number;
	historySize?: number;
	maxMissedRuns?: number;
	concurrency?: number;
	failOn?: "any" | "all";
}
/** Keeps the databases alive once: maintenance by default, or ping, or status. */
export declare function keepAlive(options?: KeepAliveOptions): Promise<KeepAliveResult>;

export {};
