// What the account held and what this run does with it, in a line for the log and the summary,
// and the warnings of what it leaves out that a person may not expect.

import { setting } from '../wording.js';
import { shown, type AccountDatabase } from './list.js';

interface Counts {
  listed: number;
  matching: number;
  paid: AccountDatabase[];
  otherShares: number;
  beyond: number;
  twice: number;
  kept: number;
  /** The most a run keeps alive. */
  cap: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeSelection(counts: Counts): { lines: string[]; warnings: string[] } {
  const { listed, matching, paid, otherShares, beyond, twice, kept, cap } = counts;
  const parts: string[] = [];
  if (listed > matching) {
    parts.push(`${listed - matching} not matching ${setting('databases-matching')}`);
  }
  if (paid.length > 0) {
    const names = paid.slice(0, 10).map(shown).join(', ');
    const more = paid.length > 10 ? ` and ${paid.length - 10} more` : '';
    const them = paid.length === 1 ? 'it' : 'them';
    parts.push(
      `${paid.length} paid left out: ${names}${more} (Upstash never archives a paid database; ${setting('include-paid')}: true keeps ${them} alive too)`,
    );
  }
  if (otherShares > 0) {
    parts.push(`${otherShares} kept alive by the other jobs of ${setting('shard')}`);
  }
  if (twice > 0)
    parts.push(`${twice} also given by url and token: kept alive once, with that token`);
  const lines = [
    `${plural(listed, 'Redis database')} listed; ${kept} selected for this run${parts.length > 0 ? ` (${parts.join('; ')})` : ''}.`,
  ];
  const warnings: string[] = [];
  if (beyond > 0) {
    warnings.push(
      `${plural(beyond, 'database')} of the Upstash account left out: a run keeps at most ${cap} alive. Spread them over the jobs of a matrix with ${setting('shard')} (k/n), or narrow ${setting('databases-matching')}.`,
    );
  }
  if (listed === 0) {
    warnings.push(
      `The Upstash account lists no Redis database. An account made through Vercel or Fly.io is not served by the Developer API: give its databases by url and token.`,
    );
  } else if (matching === 0) {
    warnings.push(
      `${setting('databases-matching')} matches none of the ${plural(listed, 'database')} of the Upstash account: check its globs against the names in the console (\`upstash-keepalive databases\` lists them).`,
    );
  }
  return { lines, warnings };
}
