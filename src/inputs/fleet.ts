// The inputs that say which databases this job keeps alive: the databases JSON and the shard.

import { InputError } from '../input-error.js';
import { outside } from '../safe-text.js';

/** The databases JSON secret: `[{"url": "...", "token": "..."}, ...]`. */
export function parseDatabasesJson(json: string): { url: string; token: string }[] {
  const shape = 'a JSON array of {"url": "...", "token": "..."} objects';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // The parser's message quotes the text, which holds tokens: never repeated.
    throw new InputError('databases', `is not valid JSON: expected ${shape}.`);
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new InputError('databases', `must be ${shape}, with at least one entry.`);
  }
  return value.map((entry: unknown, i) => {
    const record = entry as Record<string, unknown> | null;
    const url = record?.url;
    const token = record?.token ?? '';
    const known = record !== null && typeof record === 'object' && !Array.isArray(record);
    const extra = known ? Object.keys(record).filter((k) => k !== 'url' && k !== 'token') : [];
    if (!known || typeof url !== 'string' || typeof token !== 'string' || extra.length > 0) {
      throw new InputError(
        'databases',
        `entry ${i + 1} must be {"url": "...", "token": "..."} (url a string; token a string, or left out for a redis:// URL that carries its password).`,
      );
    }
    return { url, token };
  });
}

/** "k/n": this job keeps the k-th of n shares of the databases alive. */
export function parseShard(raw: string): { index: number; of: number } | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(value);
  const index = Number(match?.[1]);
  const of = Number(match?.[2]);
  if (!match || index < 1 || of < 1 || index > of) {
    throw new InputError(
      'shard',
      `must be k/n with 1 ≤ k ≤ n ≤ 999, such as 2/4 (the second of four jobs); got '${outside(value, 20)}'.`,
    );
  }
  return { index, of };
}
