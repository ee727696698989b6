// A schedule as QStash answers GET /v2/schedules/{id}, checked before anything reads it: the
// client types the answer but does not check it, and qstash-url may name anything. Only the
// fields the backstop reads are checked, each for its type and size; anything else is refused
// with a warning, never taken as a schedule (a wrong "active" is worse than none).
// By hand: a few fields, and no schema library among the dependencies.

import { QStashAnswerError } from './guard.js';

/** What the backstop reads of a schedule. */
export interface SeenSchedule {
  cron: string;
  destination: string;
  paused: boolean;
  /** What each delivery sends, and how, when QStash says (undefined when it does not). */
  body: string | undefined;
  method: string | undefined;
  /** The value of a forwarded header, by case-insensitive name ('' when absent). */
  header(name: string): string;
}

/** Bounds far above what QStash holds: a cron with its zone, a URL, a header value. */
const MAX = { cron: 256, destination: 4096, headerValue: 8192, body: 65_536, method: 16 } as const;

const refused = (reason: string) =>
  new QStashAnswerError(`QStash's answer is not a schedule (${reason}): check qstash-url.`);
const wrongField = (field: string) => refused(`${field} is not what QStash sends`);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(answer: Record<string, unknown>, field: 'cron' | 'destination'): string {
  const value = answer[field];
  if (typeof value !== 'string' || value.length > MAX[field]) throw wrongField(field);
  return value;
}

/** A field QStash may leave out: its text, or undefined. */
function optional(answer: Record<string, unknown>, field: 'body' | 'method'): string | undefined {
  const value = answer[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > MAX[field]) throw wrongField(field);
  return value;
}

/** Forwarded headers: {Name: [value, …]}, each value text of bounded size. */
function headers(value: unknown): Map<string, string> {
  const found = new Map<string, string>();
  if (value === undefined || value === null) return found;
  if (!isRecord(value)) throw wrongField('header');
  for (const [name, values] of Object.entries(value)) {
    const ok =
      Array.isArray(values) &&
      values.every((v) => typeof v === 'string' && v.length <= MAX.headerValue);
    if (!ok) throw wrongField('header');
    found.set(name.toLowerCase(), (values[0] as string | undefined) ?? '');
  }
  return found;
}

export function scheduleShape(answer: unknown): SeenSchedule {
  if (!isRecord(answer)) throw refused('not an object');
  const paused = answer.isPaused ?? false;
  if (typeof paused !== 'boolean') throw wrongField('isPaused');
  const forwarded = headers(answer.header);
  return {
    cron: text(answer, 'cron'),
    destination: text(answer, 'destination'),
    paused,
    body: optional(answer, 'body'),
    method: optional(answer, 'method'),
    header: (name) => forwarded.get(name.toLowerCase()) ?? '',
  };
}
