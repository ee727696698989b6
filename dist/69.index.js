export const id = 69;
export const ids = [69];
export const modules = {

/***/ 9069:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cli: () => (/* binding */ cli)
/* harmony export */ });
/* unused harmony export HELP */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7975);
/* harmony import */ var _connection_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3639);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6048);
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8301);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(452);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(646);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3411);
// The command line: the same engine as the action, for crontab, Docker, systemd timers and
// `npm run maintenance`-style scripts. A thin shell: arguments → Settings → engine → output.







const fallbacks = _connection_js__WEBPACK_IMPORTED_MODULE_1__/* .ENV_FALLBACKS */ .ov.map((f) => (f.token ? `${f.url} + ${f.token}` : f.url)).join(', ');
const HELP = `Usage: upstash-keepalive [ping|maintenance|status] [options]

Keeps an Upstash Redis database (or any Redis) from being archived or deleted for inactivity:
the engine of the upstash-keepalive GitHub Action, as a command.

Modes:
  ping          PING, expects PONG; writes nothing (the default)
  maintenance   writes and verifies a timestamp, a status, a counter and metadata under the
                key prefix, in one atomic request
  status        reads what the last maintenance left; writes nothing (read-only token is enough)

Options:
  --url URL              REST URL (https://<name>.upstash.io) or redis:// / rediss:// URL;
                         repeat for several databases, kept alive concurrently
  --token TOKEN          REST token, or the password of a redis:// URL without one; repeat,
                         paired with --url in order. Prefer the environment variables below:
                         a command-line argument is visible to other users of the machine
  --key-prefix PREFIX    namespace of the keys it writes (default upstash-keepalive)
  --timeout-seconds N    time limit of one attempt (default 10)
  --max-attempts N       attempts in all; only network errors, timeouts, 5xx, 429 are retried
                         (default 3)
  --max-age-hours N      status: fail when the last maintenance is older than N hours
  --fail-on any|all      several databases: fail when any fails (default) or only when all do
  --json                 print one JSON object instead of timestamped log lines
  -h, --help             print this help
  --version              print the version

Without --url, the first of these environment variables that is set is used:
  ${fallbacks}

Exit status: 0 when the run succeeded, 1 otherwise (with the reason and the fix on stderr).

Examples:
  UPSTASH_REDIS_REST_URL=https://… UPSTASH_REDIS_REST_TOKEN=… upstash-keepalive maintenance
  REDIS_URL=rediss://default:PASSWORD@host:6379 upstash-keepalive ping --json
`;
const stamp = () => `[${new Date().toISOString()}]`;
function describe(db) {
    const o = db.outcome;
    const facts = [`${db.latencyMs ?? 0} ms`, `attempt ${db.attempts}`];
    if (o?.reply !== undefined)
        facts.push(`reply ${o.reply}`);
    if (o?.count !== undefined)
        facts.push(`count ${o.count}`);
    if (o?.lastMaintenance !== undefined)
        facts.push(`last ${o.lastMaintenance}`);
    if (o?.previousMaintenance !== undefined)
        facts.push(`previous ${o.previousMaintenance}`);
    return facts.join(', ');
}
function asJson(db) {
    const o = db.outcome;
    return {
        database: db.database,
        source: db.source,
        ok: db.error === undefined,
        reply: o?.reply ?? null,
        latencyMs: db.latencyMs ?? null,
        attempts: db.attempts,
        count: o?.count ?? null,
        lastMaintenance: o?.lastMaintenance ?? null,
        previousMaintenance: o?.previousMaintenance ?? null,
        error: db.error ? { kind: db.error.kind, message: db.error.message, fix: db.error.fix } : null,
    };
}
function parseArguments(argv) {
    try {
        const parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({
            args: argv,
            allowPositionals: true,
            options: {
                url: { type: 'string', multiple: true },
                token: { type: 'string', multiple: true },
                'key-prefix': { type: 'string' },
                'timeout-seconds': { type: 'string' },
                'max-attempts': { type: 'string' },
                'max-age-hours': { type: 'string' },
                'fail-on': { type: 'string' },
                json: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' },
                version: { type: 'boolean' },
            },
        });
        if (parsed.positionals.length > 1) {
            throw new Error(`Expected one mode, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
        }
        return parsed;
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeepaliveError */ .dg('input', message.replace(/\.?$/, '.'), 'run upstash-keepalive --help for the modes and options.');
    }
}
/** Input errors name the action's inputs; here they are options. */
function forTheCommandLine(error) {
    if (!(error instanceof _inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz))
        return error;
    const option = `--${error.input}`;
    const message = error.message.replace(`Input '${error.input}'`, `Option ${option}`);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeepaliveError */ .dg('input', message, `give ${option} a value it accepts; see --help.`);
}
async function cli(argv, env) {
    const out = (line) => process.stdout.write(`${line}\n`);
    const err = (line) => process.stderr.write(`${line}\n`);
    let json = false;
    let secrets = [];
    try {
        const { values, positionals } = parseArguments(argv);
        json = values.json ?? false;
        if (values.help) {
            out(HELP);
            return 0;
        }
        if (values.version) {
            out(_version_js__WEBPACK_IMPORTED_MODULE_5__/* .VERSION */ .x);
            return 0;
        }
        const flags = {
            url: (values.url ?? []).join('\n'),
            token: (values.token ?? []).join('\n'),
            mode: positionals[0] ?? '',
            'key-prefix': values['key-prefix'] ?? '',
            'timeout-seconds': values['timeout-seconds'] ?? '',
            'max-attempts': values['max-attempts'] ?? '',
            'max-age-hours': values['max-age-hours'] ?? '',
            'fail-on': values['fail-on'] ?? '',
        };
        secrets = (0,_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .secretValues */ .VX)(flags.token ?? '', flags.url ?? '', env);
        const settings = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSettings */ .P$)((name) => flags[name] ?? '', env);
        const databases = await (0,_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .keepAliveAll */ .Qr)(settings.connections, {
            ...settings,
            context: (0,_context_js__WEBPACK_IMPORTED_MODULE_6__/* .runContext */ .p)(env),
            onRetry: (database, error, attempt, delayMs) => {
                if (!json) {
                    err(`${stamp()} ${database}: attempt ${attempt} of ${settings.maxAttempts} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .redact */ .E$)(error.message, secrets)} Retrying in ${(delayMs / 1000).toFixed(1)} s.`);
                }
            },
        });
        databases.forEach((db) => (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .scrub */ ._I)(db.error, secrets));
        const failure = (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .scrub */ ._I)((0,_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .runFailure */ .A9)(databases, settings.failOn), secrets);
        if (json) {
            out(JSON.stringify({ ok: !failure, mode: settings.mode, databases: databases.map(asJson) }));
        }
        else {
            for (const db of databases) {
                if (db.error)
                    err(`${stamp()} ${settings.mode} failed on ${db.database}: ${db.error.describe()}`);
                else
                    out(`${stamp()} ${settings.mode} ok on ${db.database} (${describe(db)})`);
            }
            if (failure && databases.length > 1)
                err(`${stamp()} ${failure.message}`);
        }
        return failure ? 1 : 0;
    }
    catch (thrown) {
        const error = (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .scrub */ ._I)(forTheCommandLine((0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .asKeepaliveError */ .x8)(thrown)), secrets);
        const message = error.describe();
        if (json)
            out(JSON.stringify({
                ok: false,
                error: { kind: error.kind, message: error.message, fix: error.fix },
            }));
        else
            err(`${stamp()} ${message}`);
        return 1;
    }
}


/***/ })

};
