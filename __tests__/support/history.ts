// Histories made for tests: run times as a schedule would have left them.

export const HOUR = 3_600_000;

/** Daily runs ending a minute ago, with the days in `skipped` (days ago) missing; newest first. */
export function daily(count: number, skipped: number[] = []): Date[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => i)
    .filter((i) => !skipped.includes(i))
    .map((i) => new Date(now - i * 24 * HOUR - 60_000));
}
