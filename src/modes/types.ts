// The shapes every mode shares: the keys under the prefix, what a mode is given, what it finds.

import type { RunContext } from '../run-context.js';
import type { Target } from '../errors.js';
import type { HistoryFacts } from './history.js';

export const MODES = ['ping', 'maintenance', 'status'] as const;
export type Mode = (typeof MODES)[number];

export interface Keys {
  lastMaintenance: string;
  previousMaintenance: string;
  status: string;
  count: string;
  metadata: string;
  history: string;
  backstopBeat: string;
  backstopBeats: string;
}

export function keysFor(prefix: string): Keys {
  return {
    lastMaintenance: `${prefix}:last-maintenance`,
    previousMaintenance: `${prefix}:previous-maintenance`,
    status: `${prefix}:status`,
    count: `${prefix}:count`,
    metadata: `${prefix}:metadata`,
    history: `${prefix}:history`,
    backstopBeat: `${prefix}:backstop-beat`,
    backstopBeats: `${prefix}:backstop-beats`,
  };
}

export interface Outcome {
  mode: Mode;
  /** ping: the server's answer (PONG). */
  reply?: string;
  /** maintenance, status: value of the counter (0 when never maintained). */
  count?: number;
  /** ISO 8601 UTC timestamps, or undefined when none is recorded. */
  lastMaintenance?: string;
  previousMaintenance?: string;
  /** status: the metadata of the last maintenance run. */
  metadata?: Record<string, string>;
  /** maintenance: whose clock stamped it, and whether an earlier attempt of this run had. */
  clock?: 'database' | 'runner';
  replayed?: boolean;
  /**
   * maintenance: the time this run's write was stamped with (by an earlier attempt, when
   * replayed), unless another run has written since. Ages and the history are measured from it
   * when the runner's clock is behind the database's.
   */
  writtenAt?: string;
  /** maintenance and status, with history-size above 0: what the history tells. */
  history?: HistoryFacts;
  /** maintenance and status: the QStash backstop's last beat and number of beats, if any. */
  backstopBeat?: string;
  backstopBeats?: number;
}

export interface ModeInput {
  mode: Mode;
  keys: Keys;
  context: RunContext;
  now: Date;
  /** The same for every attempt of one run: a retry of an applied maintenance is not counted. */
  nonce: string;
  /** Entries kept in `<prefix>:history` (0: none written, none read). */
  historySize: number;
  /** Keep each history entry read in the outcome, not only what they tell (see HistoryFacts). */
  historyEntries?: boolean;
  /** Who answers: named in messages about refusals. */
  target: Target;
}
