// What finding the account's databases hands on: to the run, the proof and the report.

import type { KeepaliveError } from '../errors.js';
import type { OpenTransport } from '../transport/index.js';
import type { Settings } from '../inputs/index.js';
import type { DatabaseReport } from '../keepalive.js';
import type { AccountDatabase } from './list.js';
import type { AccountReport } from './types.js';

export interface AccountHooks {
  /** Masks a secret in the runner's log before anything about it is printed. */
  mask: (secret: string) => void;
  /** A line about the account, for the log. */
  info: (line: string) => void;
}

export interface RunHooks extends AccountHooks {
  onRetry: (database: string, line: string) => void;
  /** Told the databases about to be kept alive, url and token's and the account's together. */
  announce?: (settings: Settings) => void;
  /** Keep each history's entries in the report (the command line's --json prints them). */
  historyEntries?: boolean;
  /** The shell's transports (see transport/index.ts). */
  open: OpenTransport;
}

/** The account's databases added to the settings' own, and what this run knows of them. */
export interface Found {
  settings: Settings;
  /** Not kept alive, with the reason (not active, an entry that cannot be used). */
  failed: DatabaseReport[];
  /** Each database of the run the account lists, by host. */
  known: Map<string, AccountDatabase>;
  report: AccountReport;
  /** The account could not be read. */
  error?: KeepaliveError;
}
