// The history as a picture a person reads at a glance: a Mermaid chart for the step summary
// (GitHub renders Mermaid there), a one-line sparkline for the command line. Both are built
// from numbers and times this code formats itself: nothing read from outside goes in raw.

import { describeGap, leftOut, SAME_RUN_MS, type HistoryFacts } from '../modes/history.js';

/** Runs shown: the last 30, so the chart stays legible. */
const SHOWN = 30;

/**
 * The hours between consecutive runs of the last SHOWN runs, oldest first, with labels: the runs
 * the figures count (runs a few minutes apart as one), so the bars and the usual line agree.
 */
function series(facts: HistoryFacts): { labels: string[]; hours: number[] } {
  const recent = facts.runs.slice(0, SHOWN + 1).reverse(); // oldest first
  const labels: string[] = [];
  const hours: number[] = [];
  for (let i = 1; i < recent.length; i++) {
    const to = recent[i] ?? '';
    const from = recent[i - 1] ?? '';
    labels.push(to.slice(5, 10)); // MM-DD of the run that ended the interval
    hours.push(Math.round(((Date.parse(to) - Date.parse(from)) / 3_600_000) * 10) / 10);
  }
  return { labels, hours };
}

/**
 * A Mermaid `xychart-beta` (the name GitHub's Mermaid knows): the hours between runs as bars,
 * the usual interval as a line. Undefined with fewer than two runs.
 */
export function mermaidChart(facts: HistoryFacts): string | undefined {
  const { labels, hours } = series(facts);
  if (hours.length === 0) return undefined;
  const usual = facts.medianIntervalHours;
  const top = Math.max(1, Math.ceil(Math.max(...hours, usual ?? 0) * 1.2));
  const lines = [
    'xychart-beta',
    `    title "Hours between runs (last ${hours.length})"`,
    `    x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `    y-axis "hours" 0 --> ${top}`,
    `    bar [${hours.join(', ')}]`,
  ];
  if (usual !== undefined) lines.push(`    line [${hours.map(() => usual).join(', ')}]`);
  return lines.join('\n');
}

/** The summary's history section: the chart, the usual interval, and the gaps. */
export function historyMarkdown(facts: HistoryFacts): string[] {
  const runs = facts.kept;
  const left = leftOut(facts);
  if (runs === 0) return left ? [`**History:** no run kept; ${left}.`, ''] : [];
  const usual = facts.medianIntervalHours;
  const chart = mermaidChart(facts);
  const lines = [
    `**History:** ${runs} run${runs === 1 ? '' : 's'} kept${usual === undefined ? '' : `; usual interval ${usual} h`}.`,
    '',
    ...(left ? [`${left}.`, ''] : []),
    ...(facts.merged > 0
      ? [
          `${facts.merged} run${facts.merged === 1 ? '' : 's'} within ${SAME_RUN_MS / 60_000} min of a later one counted with it (two keep-alives on one database, runs started by hand, or a schedule more often than every ${SAME_RUN_MS / 60_000} min).`,
          '',
        ]
      : []),
  ];
  if (chart) lines.push('```mermaid', chart, '```', '');
  if (usual !== undefined) {
    lines.push(
      ...(facts.gaps.length === 0
        ? ['No missed runs.']
        : facts.gaps.map((gap) => `- Gap: ${describeGap(gap)}`)),
      '',
    );
  }
  return lines;
}

const BARS = '▁▂▃▄▅▆▇█';

/** The same as one line of text: `▁▁▁█▁ usual 24 h, 1 gap (2 runs missed)`. */
export function sparkline(facts: HistoryFacts): string {
  const { hours } = series(facts);
  if (hours.length === 0) {
    return facts.merged > 0
      ? `no interval yet (runs under ${SAME_RUN_MS / 60_000} min apart count as one)`
      : 'no interval yet';
  }
  const top = Math.max(...hours);
  const bars = hours
    .map((h) => BARS[top > 0 ? Math.min(7, Math.floor((h / top) * 7.999)) : 0] ?? '▁')
    .join('');
  const usual =
    facts.medianIntervalHours === undefined ? '' : ` usual ${facts.medianIntervalHours} h,`;
  const gaps = facts.gaps.length;
  return `${bars}${usual} ${gaps} gap${gaps === 1 ? '' : 's'} (${facts.missedRuns} run${facts.missedRuns === 1 ? '' : 's'} missed)`;
}
