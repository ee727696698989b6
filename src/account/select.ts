// Which of the account's databases this run keeps alive, and how: those matching
// databases-matching, free ones only unless include-paid, this job's share of them (shard), at
// most MAX_KEPT; each as a REST connection with its own token. A database that is not active, or
// whose entry cannot be used, is a failure that says why, and is not sent anything.

import type { Connection, RestConnection } from '../connections/index.js';
import { fromUrl, isLoopback } from '../connections/url.js';
import { KeepaliveError } from '../errors.js';
import type { AccountSettings, Settings } from '../inputs/index.js';
import type { DatabaseReport } from '../keepalive.js';
import { outside } from '../safe-text.js';
import { matcher } from './glob.js';
import { shown, type AccountDatabase, type Token } from './list.js';
import { describeSelection } from './describe.js';

/**
 * Databases one run keeps alive from the account, at most: twice the thousand a run was made for,
 * so a run stays within its time and memory however large the account. More: `shard`.
 */
export const MAX_KEPT = 2_000;

export interface Selection {
  connections: RestConnection[];
  /** Not kept alive, with the reason: not active, or an entry that cannot be used. */
  failed: DatabaseReport[];
  /** Each database of the run (host[:port]) that the account lists: Upstash counts its commands. */
  known: Map<string, AccountDatabase>;
  lines: string[];
  warnings: string[];
  /** The tokens of every database this run names: masked before anything about them is said. */
  masks: string[];
  /** The token each database is sent: what redaction looks for. */
  sent: string[];
}

/**
 * `https://` + the endpoint, as Upstash says. An IP address of this machine is `http://`: Upstash's
 * endpoints are names, so only a local stand-in has one, and the token does not leave the machine
 * (the rule `url` follows). A name, `localhost` included, is always `https://`.
 */
export function restUrl(endpoint: string): string {
  const host = endpoint.replace(/:\d+$/, '').toLowerCase();
  return `${host !== 'localhost' && isLoopback(host) ? 'http' : 'https'}://${endpoint}`;
}

export const byName = (a: AccountDatabase, b: AccountDatabase) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function select(
  listed: AccountDatabase[],
  settings: Settings & { account: AccountSettings },
  fullToken: boolean,
): Selection {
  const { account, shard } = settings;
  const matches = matcher(account.matching);
  const matching = [...listed].sort(byName).filter((d) => matches(d.name));
  const paid = account.includePaid ? [] : matching.filter((d) => !d.free);
  const chosen = account.includePaid ? matching : matching.filter((d) => d.free);
  const share = shard ? chosen.filter((_, i) => i % shard.of === shard.index - 1) : chosen;
  const kept = share.slice(0, MAX_KEPT);
  const given = new Set(settings.connections.map((c: Connection) => c.database));
  const selection: Selection = {
    connections: [],
    failed: [],
    known: new Map(),
    lines: [],
    warnings: [],
    masks: [...paid.slice(0, 10), ...kept].flatMap(tokensOf),
    sent: [],
  };
  let twice = 0;
  let repeated = 0;
  for (const database of kept) {
    const host = hostOf(database);
    // An answer that lists one endpoint twice: it is kept alive once a run, as url refuses twice.
    if (host !== undefined && selection.known.has(host)) {
      repeated++;
      continue;
    }
    if (host !== undefined) selection.known.set(host, database);
    if (host !== undefined && given.has(host)) twice++;
    else connect(database, fullToken, selection);
  }
  if (repeated > 0) {
    selection.warnings.push(
      `${repeated} of the account's entries name an endpoint already listed: each database is kept alive once.`,
    );
  }
  const described = describeSelection({
    listed: listed.length,
    matching: matching.length,
    paid,
    otherShares: chosen.length - share.length,
    beyond: share.length - kept.length,
    twice,
    kept: kept.length - twice - repeated,
    cap: MAX_KEPT,
  });
  selection.lines.push(...described.lines);
  selection.warnings.push(...described.warnings);
  return selection;
}

function tokensOf(database: AccountDatabase): string[] {
  return [database.restToken, database.readOnlyToken].flatMap((t) =>
    'value' in t ? [t.value] : [],
  );
}

export function hostOf(database: AccountDatabase): string | undefined {
  if (database.endpoint === undefined) return undefined;
  try {
    return new URL(restUrl(database.endpoint)).host;
  } catch {
    return undefined;
  }
}

/** One database: a connection, or a failure that says why it is not kept alive. */
function connect(database: AccountDatabase, fullToken: boolean, selection: Selection): void {
  const name = shown(database);
  const label = hostOf(database) ?? outside(database.name, 100);
  const fail = (kind: 'inactive' | 'protocol', message: string, fix: string) => {
    const error = new KeepaliveError(kind, message, fix);
    selection.failed.push({ database: label, source: 'the Upstash account', attempts: 0, error });
  };
  if (database.state !== 'active') {
    fail(
      'inactive',
      `Database ${name} (${label}) is ${database.state || 'in no state'} in the Upstash console, not active: Upstash does not serve it, so it was not kept alive.`,
      `open ${name} in the Upstash console (console.upstash.com → Redis) and do what it shows to make it active again (restore it, or lift the suspension); once it shows active, the next run keeps it alive.`,
    );
    return;
  }
  const readOnly = !fullToken && 'value' in database.readOnlyToken;
  const field = readOnly ? 'read_only_rest_token' : 'rest_token';
  const token: Token = readOnly ? database.readOnlyToken : database.restToken;
  const unusable = (what: string) => {
    fail(
      'protocol',
      `The Developer API gave database ${name} ${what}, so it was not kept alive.`,
      `check ${name} in the Upstash console (its REST API section); meanwhile give it by url and token.`,
    );
  };
  if (database.endpoint === undefined) {
    unusable('no endpoint that is a host name');
    return;
  }
  if (!('value' in token)) {
    unusable(`no usable ${field} (${token.problem}; a token is never printed)`);
    return;
  }
  try {
    const source = `the Upstash account (${name})`;
    const connection = fromUrl(restUrl(database.endpoint), {
      token: token.value,
      source,
      subject: `The endpoint of ${name}`,
      tokenSource: `${source}'s ${field}`,
      tokenSubject: `The ${field} of ${name}`,
    });
    if (connection.kind !== 'rest') throw new Error('not a REST URL'); // https:// or http:// only
    selection.connections.push(connection);
    selection.sent.push(token.value);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    unusable(`an endpoint or token that cannot be used (${outside(why, 200)})`);
  }
}
