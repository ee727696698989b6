// What the account adds to a run's report: its own file, so the report reads it without
// importing the account (which runs the engine).

interface DailyCount {
  /** YYYY-MM-DD, UTC. */
  day: string;
  commands: number;
}

/** What Upstash itself counted for one database. */
export interface UpstashCounts {
  /** host[:port], as the run names the database. */
  database: string;
  /** Its name in the account, made printable and cut. */
  name: string;
  /** What Upstash counted today (daily_net_commands). */
  today: number | null;
  /** The sum of the days below. */
  last7Days: number | null;
  /** The days of dailyrequests within the last 7 (UTC, today included), oldest first. */
  daily: DailyCount[];
}

export interface AccountReport {
  /** What the account held and what this run did with it, for the log and the summary. */
  lines: string[];
  /** What a person should know: the account could not be read, databases left out, … */
  warnings: string[];
  /** What Upstash counted for each database whose stats were read, in the run's order. */
  counts: UpstashCounts[];
}
