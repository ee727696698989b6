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
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6048);
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9765);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(452);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(646);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2165);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2868);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3411);
/* harmony import */ var _wording_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6559);
// The command line: the same engine as the action, for crontab, Docker, systemd timers and
// `npm run maintenance`-style scripts. A thin shell: arguments → Settings → engine → output.
// It prints plain lines (or one JSON object with --json) and never a workflow command.










const HELP = `Usage: upstash-keepalive [maintenance|ping|status] [options]

Keeps an Upstash Redis database (or any Redis) from being archived or deleted for inactivity:
the engine of the upstash-keepalive GitHub Action, as a command.

Modes:
  maintenance   writes and verifies a timestamp, a status, a counter and metadata under the
                key prefix, in one atomic request (the default: a write surely counts as
                traffic)
  ping          PING, expects PONG; writes nothing
  status        reads what the last maintenance left; writes nothing (read-only token is enough)

Options:
  --url URL              REST URL (https://<name>.upstash.io) or redis:// / rediss:// URL;
                         repeat for several databases, kept alive concurrently
  --token TOKEN          REST token, or the password of a redis:// URL without one; repeat,
                         paired with --url in order. Prefer the environment variables below:
                         a command-line argument is visible to other users of the machine.
                         With --url and no --token, UPSTASH_REDIS_REST_TOKEN (or
                         KV_REST_API_TOKEN) is used
  --key-prefix PREFIX    namespace of the keys it writes (default upstash-keepalive)
  --timeout-seconds N    time limit of one attempt (default 10)
  --max-attempts N       attempts in all; only network errors, timeouts, 5xx, 429 are retried
                         (default 3)
  --max-age-hours N      status: fail when the last maintenance is older than N hours
  --fail-on any|all      several databases: fail when any fails (default) or only when all do
  --json                 print one JSON object (on success and on every failure)
  -h, --help             print this help
  --version              print the version

Without --url, the first of these environment variables that is set is used:
  ${(0,_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .fallbackNames */ .rp)()}

Exit status: 0 when the run succeeded, 1 otherwise (with the reason and the fix on stderr).

Examples:
  UPSTASH_REDIS_REST_URL=https://… UPSTASH_REDIS_REST_TOKEN=… upstash-keepalive maintenance
  REDIS_URL=rediss://default:PASSWORD@host:6379 upstash-keepalive ping --json
`;
const OPTIONS = {
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
};
/** The variables a --url given without --token takes its token from, in this order. */
const TOKEN_VARIABLES = ['UPSTASH_REDIS_REST_TOKEN', 'KV_REST_API_TOKEN'];
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
function errorJson(error) {
    return error ? { kind: error.kind, message: error.message, fix: error.fix } : null;
}
function asJson(db) {
    const o = db.outcome;
    return {
        database: db.database,
        source: db.source,
        ok: db.error === undefined,
        reply: o?.reply ?? null,
        'latency-ms': db.latencyMs ?? null,
        attempts: db.attempts,
        'maintenance-count': o?.count ?? null,
        'last-maintenance': o?.lastMaintenance ?? null,
        'previous-maintenance': o?.previousMaintenance ?? null,
        error: errorJson(db.error),
    };
}
/** Node's parser speaks of itself; these messages speak of this command. */
function argumentError(error) {
    const code = error.code;
    const message = error instanceof Error ? error.message : String(error);
    const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
    const said = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `Unknown option ${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_7__/* .outside */ .qY)(option, 60)}.`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
            ? `Option ${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_7__/* .outside */ .qY)(option, 60)} needs a value (or takes none).`
            : (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_7__/* .outside */ .qY)(message);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .KeepaliveError */ .dg('input', said, 'run upstash-keepalive --help for the modes and options.');
}
function parseArguments(argv) {
    let parsed;
    try {
        parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({ args: argv, allowPositionals: true, options: OPTIONS });
    }
    catch (error) {
        throw argumentError(error);
    }
    if (parsed.positionals.length > 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .KeepaliveError */ .dg('input', `Expected one mode, got ${parsed.positionals.length}: ${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_7__/* .outside */ .qY)(parsed.positionals.join(' '), 100)}.`, 'give one of ping, maintenance, status as the first argument; see --help.');
    }
    return parsed;
}
async function cli(argv, env) {
    (0,_wording_js__WEBPACK_IMPORTED_MODULE_8__/* .useSurface */ .f8)('command line');
    // Known before parsing, so that even a refused argument is answered in JSON.
    const json = argv.includes('--json');
    const out = (line) => process.stdout.write(`${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_7__/* .logLine */ .BP)(line)}\n`);
    const err = (line) => process.stderr.write(`${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_7__/* .logLine */ .BP)(line)}\n`);
    let secrets = [];
    let mode = null;
    try {
        const { values, positionals } = parseArguments(argv);
        if (values.help) {
            process.stdout.write(HELP);
            return 0;
        }
        if (values.version) {
            out(_version_js__WEBPACK_IMPORTED_MODULE_9__/* .VERSION */ .x);
            return 0;
        }
        const urls = values.url ?? [];
        let tokens = values.token ?? [];
        // --url given without --token: the token may still come from the usual variable.
        const variable = tokens.length === 0 && urls.length > 0
            ? TOKEN_VARIABLES.find((name) => (env[name] ?? '').trim() !== '')
            : undefined;
        if (variable)
            tokens = urls.map(() => env[variable] ?? '');
        const flags = {
            mode: positionals[0] ?? '',
            'key-prefix': values['key-prefix'] ?? '',
            'timeout-seconds': values['timeout-seconds'] ?? '',
            'max-attempts': values['max-attempts'] ?? '',
            'max-age-hours': values['max-age-hours'] ?? '',
            'fail-on': values['fail-on'] ?? '',
        };
        mode = (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_7__/* .outside */ .qY)(flags.mode ?? '', 20) || null;
        secrets = (0,_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .secretValues */ .VX)(tokens.join('\n'), urls.join('\n'), env);
        const settings = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .parseSettings */ .P$)((name) => flags[name] ?? '', env, {
            urls,
            tokens,
            tokenVariable: variable,
        });
        mode = settings.mode;
        const databases = await (0,_engine_js__WEBPACK_IMPORTED_MODULE_3__/* .keepAliveAll */ .Qr)(settings.connections, {
            ...settings,
            context: (0,_context_js__WEBPACK_IMPORTED_MODULE_2__/* .runContext */ .p)(env),
            onRetry: (database, error, attempt, delayMs) => {
                const line = (0,_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .retryLine */ .Rn)(error, attempt, settings.maxAttempts, delayMs);
                if (!json)
                    err(`${stamp()} ${database}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(line, secrets)}`);
            },
        });
        databases.forEach((db) => (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .scrub */ .Hl)(db.error, secrets));
        const failure = (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .scrub */ .Hl)((0,_engine_js__WEBPACK_IMPORTED_MODULE_3__/* .runFailure */ .A9)(databases, settings.failOn), secrets);
        if (json) {
            const answer = {
                ok: !failure,
                mode: settings.mode,
                databases: databases.map(asJson),
                error: errorJson(failure),
            };
            process.stdout.write(`${JSON.stringify(answer)}\n`);
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
        const error = (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .scrub */ .Hl)((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .asKeepaliveError */ .x8)(thrown), secrets);
        if (json) {
            const answer = { ok: false, mode, databases: [], error: errorJson(error) };
            process.stdout.write(`${JSON.stringify(answer)}\n`);
        }
        else
            err(`${stamp()} ${error.describe()}`);
        return 1;
    }
}


/***/ })

};
