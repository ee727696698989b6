// The defaults and bounds of the inputs, in one place: action.yml, the help text and the README
// say the same (a test holds them together).

export const DEFAULTS = {
  // The one keep-alive sure to count as traffic: Upstash does not say whether a PING does.
  mode: 'maintenance',
  keyPrefix: 'upstash-keepalive',
  timeoutSeconds: 10,
  maxAttempts: 3,
  keepWorkflowAlive: false,
  keepAliveAfterDays: 45,
  warnAfterDays: 50,
  historySize: 90,
  concurrency: 32,
  /** QStash's free plan holds 10 schedules: 2 are left for the user's own app. */
  backstopMaxSchedules: 8,
  databasesMatching: '*',
  upstashApiUrl: 'https://api.upstash.com',
} as const;

export const LIMITS = {
  /** Below this an attempt could not even connect; the clock measures milliseconds. */
  minTimeoutSeconds: 0.1,
  timeoutSeconds: 300,
  maxAttempts: 10,
  keyPrefixLength: 128,
  historySize: 1000,
  concurrency: 256,
  backstopMaxSchedules: 100_000,
  minUpstashCommands: 1_000_000_000,
} as const;

/** Reads one input as the runner passed it; returns '' when unset. */
export type InputReader = (name: string) => string;
