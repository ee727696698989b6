// The command line's --help: every mode, subcommand, option and variable it reads.

import { fallbackNames } from '../connections/environment.js';

export const HELP = `Usage: upstash-keepalive [maintenance|ping|status] [options]
       upstash-keepalive backstop install|status|remove [options]
       upstash-keepalive databases [options]

Keeps an Upstash Redis database (or any Redis) from being archived or deleted for inactivity:
the engine of the upstash-keepalive GitHub Action, as a command.

Modes:
  maintenance   writes and verifies a timestamp, a status, a counter and metadata under the
                key prefix, in one atomic request (the default: a write surely counts as
                traffic)
  ping          PING, expects PONG; writes nothing
  status        reads what the last maintenance left; writes nothing (read-only token is enough)

Options:
  --url URL              REST URL (https://<name>.upstash.io) or rediss:// URL (redis://
                         with a password only to this machine); repeat for several databases,
                         kept alive concurrently
  --token TOKEN          REST token, or the password of a rediss:// URL without one; repeat,
                         paired with --url in order. Prefer the environment variables below:
                         a command-line argument is visible to other users of the machine.
                         With one --url and no --token, UPSTASH_REDIS_REST_TOKEN (or
                         KV_REST_API_TOKEN) is used
  --key-prefix PREFIX    namespace of the keys it writes (default upstash-keepalive)
  --timeout-seconds N    time limit of one attempt (default 10)
  --max-attempts N       attempts in all; only network errors, timeouts, 5xx, 429 are retried
                         (default 3)
  --max-age-hours N      status: fail when the last maintenance is older than N hours
  --history-size N       runs kept in the history, and read by status (default 90; 0: off)
  --max-missed-runs N    status: fail when more than N runs were missed in the history
  --databases JSON       the databases as [{"url": "...", "token": "..."}, ...] instead of --url
  --fail-on any|all      several databases: fail when any fails (default) or only when all do
  --concurrency N        several databases: how many at once (default 32)
  --shard K/N            keep only the K-th of N shares of the databases alive
  --qstash-token TOKEN   QStash token for the backstop (or QSTASH_TOKEN)
  --qstash-url URL       QStash API (or QSTASH_URL; default https://qstash.upstash.io)
  --backstop-cron CRON   when the backstop writes (UTC; default: daily, a time of its own)
  --backstop-max-schedules N
                         no new backstop schedule once the QStash account holds N (default 8:
                         the free plan holds 10, 2 are left for your app; 0: not counted)
  --upstash-email EMAIL  the Upstash account's e-mail (or UPSTASH_EMAIL), with:
  --upstash-api-key KEY  a Developer API key (or UPSTASH_API_KEY): every free database of the
                         account is kept alive too, each with its own token. The key can also
                         create and delete databases: keep it secret (it is used for GET only)
  --databases-matching GLOB  the account's databases kept alive, by name (* and ?); repeat
  --include-paid         the account's paid databases too
  --upstash-api-url URL  the Developer API (default https://api.upstash.com)
  --min-upstash-commands-7d N  status: fail a database on which Upstash counted fewer commands
                         over the last 7 days
  --json                 print one JSON object (on success and on every failure)
  -h, --help             print this help
  --version              print the version

Without --url, the first of these environment variables that is set is used:
  ${fallbackNames()}

databases: lists the account's databases (name, type, state, region, the commands Upstash
counted over the last 7 days), never a token.

Backstop: a QStash schedule that writes to each REST database by itself, daily, even when
nothing else runs. 'backstop install' creates or updates it (QStash keeps the database token as
a forwarded header of the schedule), 'backstop status' shows it and the last beat, 'backstop
remove' deletes the schedule it made, and nothing else.

Exit status: 0 when the run succeeded, 1 otherwise (with the reason and the fix on stderr).

Examples:
  UPSTASH_REDIS_REST_URL=https://… UPSTASH_REDIS_REST_TOKEN=… upstash-keepalive maintenance
  REDIS_URL=rediss://default:PASSWORD@host:6379 upstash-keepalive ping --json
`;
