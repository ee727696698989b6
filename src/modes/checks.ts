// What `status` can fail on besides an error: a last maintenance too old (max-age-hours), or
// too many runs missed in the history window (max-missed-runs). Both say what to look at.

import { KeepaliveError } from '../errors.js';
import { CLOCK_SKEW_MS, describeGap } from './history.js';
import { missedRunCauses, scheduler, setting } from '../wording.js';
import type { Outcome } from './types.js';

const fix = () => `check ${scheduler()}`;

/** status with max-age-hours: the keep-alive itself is overdue when its last run is too old. */
export function checkFreshness(outcome: Outcome, maxAgeHours: number | undefined, now: Date): void {
  if (outcome.mode !== 'status' || maxAgeHours === undefined) return;
  const last = outcome.lastMaintenance;
  if (last === undefined) {
    throw new KeepaliveError(
      'stale',
      `No maintenance is recorded under this key prefix (${setting('max-age-hours')} is ${maxAgeHours}).`,
      fix(),
    );
  }
  const ageMs = now.getTime() - Date.parse(last);
  if (ageMs < -CLOCK_SKEW_MS) {
    throw new KeepaliveError(
      'stale',
      `The last maintenance is recorded in the future (${last}, ${Math.round(-ageMs / 60_000)} min ahead of this runner's clock): it proves nothing about the keep-alive's age.`,
      'a clock is wrong, or something else wrote that key: run mode maintenance once to record a true time (it never keeps a time from the future).',
    );
  }
  const ageHours = ageMs / 3_600_000;
  if (ageHours > maxAgeHours) {
    throw new KeepaliveError(
      'stale',
      `The last maintenance was ${ageHours.toFixed(1)} h ago (${last}), older than ${setting('max-age-hours')} ${maxAgeHours}.`,
      fix(),
    );
  }
}

/** status with max-missed-runs: the schedule itself is unreliable when runs go missing. */
export function checkMissedRuns(outcome: Outcome, maxMissed: number | undefined): void {
  const history = outcome.history;
  if (outcome.mode !== 'status' || maxMissed === undefined || !history) return;
  if (history.missedRuns <= maxMissed) return;
  const gaps = history.gaps.map(describeGap).join('; ');
  const missed = history.missedRuns === 1 ? '1 run was' : `${history.missedRuns} runs were`;
  throw new KeepaliveError(
    'stale',
    `${missed} missed in the last ${history.kept} (usual interval ${history.medianIntervalHours ?? '?'} h), more than ${setting('max-missed-runs')} ${maxMissed}: ${gaps}.`,
    missedRunCauses(),
  );
}
