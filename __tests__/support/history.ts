// Histories made for tests: run times as a schedule would have left them.

import { randomUUID } from 'node:crypto';

export const HOUR = 3_600_000;

/** Daily runs ending a minute ago, with the days in `skipped` (days ago) missing; newest first. */
export function daily(count: number, skipped: number[] = []): Date[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => i)
    .filter((i) => !skipped.includes(i))
    .map((i) => new Date(now - i * 24 * HOUR - 60_000));
}

/** An entry as the keep-alive writes it, every field (or as a foreign writer imitates it). */
export function entry(at: Date | string, extra: Record<string, string> = {}): string {
  const time = typeof at === 'string' ? at : at.toISOString();
  const run = { outcome: 'ok', 'run-id': '7', event: 'schedule', repository: 'o/r' };
  return JSON.stringify({ at: time, ...run, nonce: randomUUID(), ...extra });
}

/** Replaces the list at `key` with these entries, newest first. */
export async function seedHistory(
  admin: { call: (...args: string[]) => Promise<unknown> },
  key: string,
  entries: string[],
): Promise<void> {
  await admin.call('DEL', key);
  for (let i = 0; i < entries.length; i += 200) {
    await admin.call('RPUSH', key, ...entries.slice(i, i + 200));
  }
}

/** The entries stored at `key` (the default prefix's history), newest first, parsed. */
export async function storedHistory(
  admin: { call: (...args: string[]) => Promise<unknown> },
  key = 'upstash-keepalive:history',
): Promise<Record<string, string>[]> {
  const raw = (await admin.call('LRANGE', key, '0', '-1')) as Buffer[];
  return raw.map((entry) => JSON.parse(entry.toString('utf8')) as Record<string, string>);
}
