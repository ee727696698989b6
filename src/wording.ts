// How a message names a setting. The same engine speaks through its shells: in the action a
// setting is `input 'timeout-seconds'`, changed in the step's `with:` block; on the command line
// it is `--timeout-seconds` (and the mode is the first argument); in the library and the route it
// is the option `timeoutSeconds`. A process is one or the other, so the shell says which once, at
// its start, and every message built after that uses its words.

export type Surface = 'action' | 'command line' | 'library';

let surface: Surface = 'action';

export function useSurface(next: Surface): void {
  surface = next;
}

/** `key-prefix` as the library spells it: keyPrefix. */
export const optionName = (name: string): string =>
  name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The name of a setting, e.g. `input 'url'` or `--url`; `line` for one line of a list. */
export function setting(name: string, line?: number): string {
  if (surface === 'action') {
    return `input '${name}'${line === undefined ? '' : ` line ${line}`}`;
  }
  if (surface === 'library') {
    return `option ${optionName(name)}${line === undefined ? '' : ` entry ${line}`}`;
  }
  if (name === 'mode') return 'the mode';
  return line === undefined ? `--${name}` : `--${name} number ${line}`;
}

/** A setting given a value, as it is written: `key-prefix: 'x'` in with:, `--key-prefix 'x'`. */
export function settingWith(name: string, value: string): string {
  if (surface === 'library') return `${optionName(name)}: '${value}'`;
  return surface === 'action' ? `${name}: '${value}'` : `--${name} '${value}'`;
}

/** Where a secret the shell reads should come from: a repository secret, or the environment. */
export function secretFrom(variable: string): string {
  if (surface === 'action') return `passed from a secret such as \${{ secrets.${variable} }}`;
  return `kept in an environment variable such as ${variable}, never in code`;
}

/** What runs the keep-alive, for a message about runs that stopped or went missing. */
export function scheduler(): string {
  return surface === 'library'
    ? 'whatever calls the keep-alive (Vercel Cron, QStash, a cron in your app): is it still scheduled, deployed with its secrets, and answered without errors?'
    : 'the keep-alive workflow: is its schedule disabled (GitHub disables schedules after 60 days without activity) or are its runs failing?';
}

/** The same, at the start of a sentence. */
export function Setting(name: string, line?: number): string {
  const text = setting(name, line);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What to do about a refused value. */
export function changeSetting(name: string): string {
  if (surface === 'action') return `change '${name}' in the with: block of this step.`;
  if (surface === 'library') return `give the option ${optionName(name)} a value it accepts.`;
  if (name === 'mode') return 'give one of the modes as the first argument; see --help.';
  return `give --${name} a value it accepts; see --help.`;
}

/** Where a setting is empty, for messages about what was used instead. */
export function settingIsEmpty(name: string): string {
  if (surface === 'library') return `option ${optionName(name)} is not given`;
  return surface === 'action' ? `input '${name}' is empty` : `--${name} is not given`;
}

/** Why runs go missing, for max-missed-runs. */
export function missedRunCauses(): string {
  return surface === 'library'
    ? 'likely causes: the scheduler that calls the keep-alive stopped, skipped runs, or its calls failed (a deployment without its secrets, a route refusing them).'
    : 'likely causes: the schedule was disabled (GitHub disables it after 60 days without activity), runs were delayed or dropped (GitHub drops queued scheduled runs at busy times: schedule off the full hour), or runs failed (see the workflow runs and the alert issue).';
}

/** Why an input that names a secret arrives empty, in the action only. */
export function unsetSecret(): string {
  return surface === 'action'
    ? ' A secret that is not set arrives empty: check its name under Settings → Secrets and variables → Actions (runs from forks and Dependabot get no secrets).'
    : '';
}
