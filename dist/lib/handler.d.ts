type BackstopState = "created" | "updated" | "active" | "off";
type FailureKind = "input" | "auth" | "read-only" | "timeout" | "refused" | "dns" | "network" | "tls" | "rate-limit" | "server" | "http" | "protocol" | "command" | "verification" | "stale" | "inactive" | "internal";
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
interface KeepAliveOptions {
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
interface AuthOptions {
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
interface ErrorFields {
	kind: FailureKind;
	message: string;
	fix: string;
}
interface DatabaseResult {
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
interface HistoryRecord {
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
/**
 * The library's options (the mode comes from the method) and who may call the route. `get`: what
 * a GET runs, `status` (the default) or `maintenance`, for a scheduler that can only GET.
 */
export type HandlerOptions = Omit<KeepAliveOptions, "mode"> & AuthOptions & {
	get?: "status" | "maintenance";
};
export declare function createHandler(options?: HandlerOptions): (request: Request) => Promise<Response>;

export {};
