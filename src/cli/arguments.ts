// The command line's arguments become the same Settings the action's inputs become: options
// are read as inputs of the same names (--key-prefix is input key-prefix), the first argument is
// the mode, or `backstop` and its subcommand.

import { parseArgs } from 'node:util';
import { secretValues } from '../secrets.js';
import { KeepaliveError } from '../errors.js';
import { parseAccount } from '../inputs/account.js';
import { OPTIONS } from './options.js';
import { parseSettings, type Settings } from '../inputs/index.js';
import { outside } from '../safe-text.js';
import { forgetSecrets, rememberSecrets, rememberWholeSecrets } from '../secrets.js';

/** The variables a --url given without --token takes its token from, in this order. */
const TOKEN_VARIABLES = ['UPSTASH_REDIS_REST_TOKEN', 'KV_REST_API_TOKEN'];

const BACKSTOP_COMMANDS = ['install', 'status', 'remove'] as const;
export type BackstopCommand = (typeof BACKSTOP_COMMANDS)[number];

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; settings: Settings }
  | { kind: 'backstop'; sub: BackstopCommand; settings: Settings }
  | { kind: 'databases'; settings: Settings };

/** Node's parser speaks of itself; these messages speak of this command. */
function argumentError(error: unknown): KeepaliveError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^'= ]*)/.exec(message)?.[1] ?? '';
  const said =
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `Unknown option ${outside(option, 60)}.`
      : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? `Option ${outside(option, 60)} needs a value (or takes none).`
        : outside(message);
  return new KeepaliveError(
    'input',
    said,
    'run upstash-keepalive --help for the modes and options.',
  );
}

function positionalsOf(positionals: string[]): {
  mode: string;
  sub?: BackstopCommand;
  list?: boolean;
} {
  const [first = '', second, ...rest] = positionals;
  if (first === 'databases' && positionals.length === 1) return { mode: '', list: true };
  if (first === 'backstop') {
    const sub = BACKSTOP_COMMANDS.find((c) => c === second);
    if (sub === undefined || rest.length > 0) {
      throw new KeepaliveError(
        'input',
        `backstop takes one of ${BACKSTOP_COMMANDS.join(', ')}; got '${outside(positionals.slice(1).join(' '), 60)}'.`,
        'run upstash-keepalive backstop install (or status, or remove); see --help.',
      );
    }
    return { mode: '', sub };
  }
  if (positionals.length > 1) {
    throw new KeepaliveError(
      'input',
      `Expected one mode, got ${positionals.length}: ${outside(positionals.join(' '), 100)}.`,
      'give one of maintenance, ping, status as the first argument; see --help.',
    );
  }
  return { mode: first };
}

/**
 * An option of one value given twice: parseArgs would keep the last one silently, and which one
 * was meant is not for this command to guess. --url and --token repeat on purpose (one pair per
 * database, checkTokenCount); a flag (--json) means the same however often it is given. The
 * values are not quoted: --qstash-token holds a secret.
 */
function checkRepeated(tokens: { kind: string; name?: string }[]): void {
  const seen = new Set<string>();
  for (const { kind, name = '' } of tokens) {
    const option = OPTIONS[name as keyof typeof OPTIONS] as { type: string; multiple?: boolean };
    if (kind !== 'option' || option.type !== 'string' || option.multiple) continue;
    if (seen.has(name)) {
      throw new KeepaliveError(
        'input',
        `--${name} was given more than once: it takes one value.`,
        `give --${name} once; see --help.`,
      );
    }
    seen.add(name);
  }
}

/**
 * --token pairs with --url in order, one each, so both may repeat: a count that does not match
 * is said as such (joined into one value, repeated tokens would be refused as a token holding a
 * line break, a message about whitespace the token does not have).
 */
function checkTokenCount(urls: string[], tokens: string[] | undefined): void {
  if (tokens === undefined || tokens.length === (urls.length || 1)) return;
  const given = `--token was given ${tokens.length} time${tokens.length === 1 ? '' : 's'}`;
  throw new KeepaliveError(
    'input',
    urls.length === 0
      ? `${given} without --url: the URL comes from the environment, and takes one --token.`
      : `${given} for ${urls.length} --url: give one --token per --url, in the same order.`,
    "give --token once per --url (--token '' for a redis:// URL that carries its password), or set UPSTASH_REDIS_REST_TOKEN instead; see --help.",
  );
}

/**
 * One --url given without --token: the token may still come from the usual variable. It holds
 * one database's token, so it is not lent to several REST URLs (the action refuses that too).
 */
function tokenVariable(urls: string[], tokens: string[] | undefined, env: NodeJS.ProcessEnv) {
  if (tokens !== undefined || urls.length === 0) return undefined;
  const variable = TOKEN_VARIABLES.find((name) => (env[name] ?? '').trim() !== '');
  if (variable === undefined || urls.length === 1) return variable;
  if (urls.some((url) => /^\s*https?:/i.test(url))) {
    throw new KeepaliveError(
      'input',
      `${variable} holds the token of one database: it is not used for ${urls.length} --url.`,
      "give one --token per --url, in the same order (--token '' for a redis:// URL that carries its password); see --help.",
    );
  }
  return undefined;
}

function needsAccount(): KeepaliveError {
  return new KeepaliveError(
    'input',
    'upstash-keepalive databases lists the databases of an Upstash account, and none is given.',
    'set UPSTASH_EMAIL and UPSTASH_API_KEY (or give --upstash-email and --upstash-api-key); an API key is made in the Upstash console → Account → Management API.',
  );
}

/** Reads the arguments; the secrets they and the environment hold are remembered first. */
export function readCommandLine(argv: string[], env: NodeJS.ProcessEnv): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS, tokens: true });
  } catch (error) {
    throw argumentError(error);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  checkRepeated(parsed.tokens);
  const { mode, sub, list } = positionalsOf(positionals);
  const urls = values.url ?? [];
  checkTokenCount(urls, values.token);
  const variable = tokenVariable(urls, values.token, env);
  const tokens = variable ? [env[variable] ?? ''] : (values.token ?? []);
  const option = (name: keyof typeof OPTIONS) => {
    const value = values[name];
    if (typeof value === 'boolean') return String(value); // --include-paid
    return typeof value === 'string' ? value : (value?.join('\n') ?? '');
  };
  const read = (name: string) =>
    name === 'mode'
      ? mode
      : name === 'url'
        ? urls.join('\n')
        : option(name as keyof typeof OPTIONS);
  forgetSecrets();
  rememberSecrets(
    secretValues(
      tokens.join('\n'),
      urls.join('\n'),
      env,
      [option('qstash-token'), option('upstash-api-key')].concat(
        [env.QSTASH_TOKEN, env.UPSTASH_API_KEY].map((value) => value ?? ''),
      ),
      option('databases'),
    ),
  );
  // The account's e-mail only whole: its domain may be in a database's name.
  rememberWholeSecrets([option('upstash-email').trim(), env.UPSTASH_EMAIL?.trim() ?? '']);
  if (list && parseAccount(read, env) === undefined) throw needsAccount();
  const lists = option('databases') ? undefined : { urls, tokens, tokenVariable: variable };
  const settings = parseSettings(read, env, lists);
  if (list) return { kind: 'databases', settings };
  return sub ? { kind: 'backstop', sub, settings } : { kind: 'run', settings };
}
