// What a run reports: its databases, its failure, its upkeep.

import type { AccountReport } from '../account/types.js';
import type { DatabaseReport } from '../keepalive.js';
import type { KeepaliveError } from '../errors.js';
import type { UpkeepOutcome } from '../upkeep/types.js';

export interface Report {
  /** The validated mode, or the raw input when validation failed. */
  mode: string;
  /** One entry per database, in the order of the url lines; empty when the inputs were refused. */
  databases: DatabaseReport[];
  /** The run's failure: a refused input, or the databases' (see keepalive.runFailure). */
  error?: KeepaliveError;
  /** The action's own upkeep (the schedule, alerts), when any applied. */
  upkeep?: UpkeepOutcome;
  now: Date;
  /** This run's GitHub server (GITHUB_SERVER_URL): the only host a stored run link may name. */
  server?: string;
  /** The Upstash account, when its API key was given: what it held, and what Upstash counted. */
  account?: AccountReport;
}
