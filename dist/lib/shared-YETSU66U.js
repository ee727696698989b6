var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// src/connections/environment.ts
var ENV_FALLBACKS = [
  { url: "UPSTASH_REDIS_REST_URL", token: "UPSTASH_REDIS_REST_TOKEN" },
  { url: "KV_REST_API_URL", token: "KV_REST_API_TOKEN" },
  { url: "UPSTASH_REDIS_URL" },
  { url: "REDIS_URL" },
  { url: "VALKEY_URL" }
];
function fallbackNames() {
  return ENV_FALLBACKS.map((f) => f.token ? `${f.url} + ${f.token}` : f.url).join(", ");
}

// src/fragments.ts
var FRAGMENT = 12;
var BASE = 16777619;
var TOP = 1;
for (let i = 1; i < FRAGMENT; i++) TOP = Math.imul(TOP, BASE);
function hashAt(text, at) {
  let h = 0;
  for (let i = at; i < at + FRAGMENT; i++) h = Math.imul(h, BASE) + text.charCodeAt(i) | 0;
  return h;
}
function roll(h, text, at) {
  const out = Math.imul(text.charCodeAt(at), TOP);
  return Math.imul(h - out, BASE) + text.charCodeAt(at + FRAGMENT) | 0;
}
var slotOf = (h, bits) => Math.imul(h, 2654435761) >>> 32 - bits;
function openStart(secret) {
  let decoded = secret;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
  }
  let origin;
  try {
    origin = new URL(decoded).origin;
  } catch {
    return 0;
  }
  const encoded = encodeURIComponent(origin);
  for (const start of [origin, encoded]) {
    if (origin !== "null" && secret.startsWith(start) && secret.length > start.length) {
      return start.length;
    }
  }
  return 0;
}
function fragmentIndex(all) {
  const secrets = all.filter((s) => s.length >= FRAGMENT);
  const count = secrets.reduce((n, s) => n + s.length - FRAGMENT + 1, 0);
  const bits = Math.max(4, Math.ceil(Math.log2(count * 2 + 1)));
  const index = {
    secrets,
    open: secrets.map(openStart),
    bits,
    head: new Int32Array(2 ** bits).fill(-1),
    next: new Int32Array(count),
    hash: new Int32Array(count),
    secret: new Int32Array(count),
    offset: new Int32Array(count)
  };
  let piece = 0;
  secrets.forEach((s, n) => {
    for (let at = 0, h = hashAt(s, 0); ; h = roll(h, s, at), at++) {
      if (!known(index, s, at, h, n)) {
        const slot = slotOf(h, bits);
        index.next[piece] = index.head[slot] ?? -1;
        index.head[slot] = piece;
        index.hash[piece] = h;
        index.secret[piece] = n;
        index.offset[piece] = at;
        piece++;
      }
      if (at + FRAGMENT >= s.length) break;
    }
  });
  return index;
}
function known(index, s, at, h, n) {
  for (let p = index.head[slotOf(h, index.bits)] ?? -1; p >= 0; p = index.next[p] ?? -1) {
    if (index.hash[p] !== h) continue;
    const other = index.secrets[index.secret[p] ?? 0] ?? "";
    const from = index.offset[p] ?? 0;
    let same = true;
    for (let i = 0; i < FRAGMENT && same; i++)
      same = other.charCodeAt(from + i) === s.charCodeAt(at + i);
    if (!same) continue;
    const wasOpen = from < (index.open[index.secret[p] ?? 0] ?? 0);
    if (wasOpen && at >= (index.open[n] ?? 0)) {
      index.secret[p] = n;
      index.offset[p] = at;
    }
    return true;
  }
  return false;
}
function fragmentEnd(index, text, at, h) {
  let end = -1;
  for (let p = index.head[slotOf(h, index.bits)] ?? -1; p >= 0; p = index.next[p] ?? -1) {
    if (index.hash[p] !== h) continue;
    const n = index.secret[p] ?? 0;
    const secret = index.secrets[n] ?? "";
    const from = index.offset[p] ?? 0;
    let length = 0;
    while (at + length < text.length && from + length < secret.length && text.charCodeAt(at + length) === secret.charCodeAt(from + length)) {
      length++;
    }
    if (length < FRAGMENT) continue;
    const open = index.open[n] ?? 0;
    const past = from + length - Math.max(from, open);
    if (past < Math.min(FRAGMENT, secret.length - open)) continue;
    end = Math.max(end, at + length);
  }
  return end;
}
function fragmentsIn(index, text) {
  const found = [];
  if (index.secrets.length === 0 || text.length < FRAGMENT) return found;
  let at = 0;
  let h = hashAt(text, 0);
  while (at + FRAGMENT <= text.length) {
    const end = fragmentEnd(index, text, at, h);
    if (end < 0) {
      if (at + FRAGMENT < text.length) h = roll(h, text, at);
      at++;
      continue;
    }
    const last = found.at(-1);
    if (last && at <= last[1]) last[1] = Math.max(last[1], end);
    else found.push([at, end]);
    at = end - FRAGMENT + 1;
    if (at + FRAGMENT <= text.length) h = hashAt(text, at);
  }
  return found;
}

// src/secrets.ts
var known2 = /* @__PURE__ */ new Map();
var wholeOnly = /* @__PURE__ */ new Set();
var lookup;
function rememberSecrets(values) {
  for (const value of values) {
    if (value === "") continue;
    if (!known2.has(value)) lookup = void 0;
    known2.set(value, Infinity);
  }
}
function holdSecrets(values) {
  const held = [...new Set(values)].filter((value) => value !== "");
  for (const value of held) {
    if (!known2.has(value)) lookup = void 0;
    known2.set(value, (known2.get(value) ?? 0) + 1);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const value of held) {
      const holders = (known2.get(value) ?? 1) - 1;
      if (holders > 0) known2.set(value, holders);
      else if (known2.delete(value)) lookup = void 0;
    }
  };
}
function redact(text) {
  lookup ??= {
    index: fragmentIndex([...known2.keys()].filter((s) => !wholeOnly.has(s))),
    short: [...known2.keys(), ...wholeOnly].filter((s) => s.length < FRAGMENT || wholeOnly.has(s)).sort((a, b) => b.length - a.length)
  };
  let out = "";
  let from = 0;
  for (const [start, end] of fragmentsIn(lookup.index, text)) {
    out += `${text.slice(from, start)}***`;
    from = end;
  }
  out = from === 0 ? text : out + text.slice(from);
  for (const secret of lookup.short) out = out.split(secret).join("***");
  return out;
}
var MIN_SECRET_LENGTH = 8;
function cleanToken(raw) {
  return raw.trim().replace(/^bearer(\s+|$)/i, "");
}
function urlPassword(raw) {
  try {
    const { password } = new URL(raw.trim());
    try {
      return decodeURIComponent(password);
    } catch {
      return password;
    }
  } catch {
    return "";
  }
}
function secretValues(tokenInput, urlInput, env, others = [], databasesJson = "") {
  const values = [tokenInput.trim(), cleanToken(tokenInput), urlPassword(urlInput)];
  values.push(...databaseSecrets(databasesJson));
  for (const line of tokenInput.split(/\r?\n/)) values.push(line.trim(), cleanToken(line));
  for (const line of urlInput.split(/\r?\n/)) values.push(urlPassword(line));
  values.push(...others.map((value) => value.trim()));
  for (const fallback of ENV_FALLBACKS) {
    values.push(urlPassword(env[fallback.url] ?? ""));
    if (fallback.token) {
      const token = env[fallback.token] ?? "";
      values.push(token.trim(), cleanToken(token));
    }
  }
  const forms = /* @__PURE__ */ new Set();
  for (const value of values) {
    if (value.length < MIN_SECRET_LENGTH) continue;
    forms.add(value);
    forms.add(encodeURIComponent(value));
  }
  return [...forms];
}
function databaseSecrets(json) {
  if (json.trim() === "") return [];
  let entries;
  try {
    entries = JSON.parse(json);
  } catch {
    return [json.trim()];
  }
  if (!Array.isArray(entries)) return [json.trim()];
  return entries.flatMap((entry) => {
    const { url, token } = entry ?? {};
    const tokenText = typeof token === "string" ? token : "";
    return [
      tokenText.trim(),
      cleanToken(tokenText),
      urlPassword(typeof url === "string" ? url : "")
    ];
  });
}
function scrub(error) {
  if (error) error.message = redact(error.message);
  return error;
}

// src/safe-text.ts
var CAPS = {
  /** One value from outside quoted in a message (an error text, a stored value). */
  quoted: 500,
  /** One line of the log. */
  logLine: 4e3,
  /** One output value (GitHub takes at most 1 MB for an output). */
  output: 64e3,
  /** The `results` output in bytes, every database's JSON, within GitHub's 1 MB for an output. */
  resultsBytes: 9e5,
  /** One cell or line of the step summary. */
  summaryValue: 1e3,
  /** A reply body, in bytes: larger is refused without being read whole (ours are a few KB). */
  replyBytes: 1024 * 1024
};
var CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
var NAMED = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
function printable(text) {
  return text.replace(
    CONTROL,
    (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}
function utf8Bytes(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) bytes += 1;
    else if (c < 2048) bytes += 2;
    else if (c >= 55296 && c <= 56319 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 56320 && next <= 57343) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
function bounded(text, max) {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 55296 && last <= 56319) end -= 1;
  const rest = utf8Bytes(text.slice(end));
  return `${text.slice(0, end)}\u2026 (${rest} bytes more)`;
}
function outside(value, max = CAPS.quoted) {
  const text = typeof value === "string" ? value : safeJson(value);
  return bounded(printable(redact(text)), max);
}
function safeJson(value) {
  try {
    if (value === void 0 || typeof value === "function") return String(value);
    return JSON.stringify(value);
  } catch {
    return "(a value that cannot be shown)";
  }
}

// src/errors.ts
var KeepaliveError = class extends Error {
  name = "KeepaliveError";
  kind;
  /** What the person reading the log should do about it. */
  fix;
  retryable;
  retryAfterMs;
  constructor(kind, message, fix2, options = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.fix = fix2;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
  /** One line for the log, the `error` output and the step's ::error:: annotation. */
  describe() {
    return `${this.message} Fix: ${this.fix}`;
  }
};
var ReplyTooLarge = class extends KeepaliveError {
};

// src/modes/history-entry.ts
var ENTRY_BYTES = 512;
var TEXT_FIELDS = ["outcome", "run-id", "event", "repository", "nonce"];
var ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
function realTime(at) {
  if (typeof at !== "string" || !ISO.test(at)) return false;
  const ms = Date.parse(at);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === at;
}
function object(raw) {
  if (typeof raw !== "string" || utf8Bytes(raw) > ENTRY_BYTES) return void 0;
  try {
    const value = JSON.parse(raw);
    const plain = typeof value === "object" && value !== null && !Array.isArray(value);
    return plain ? value : void 0;
  } catch {
    return void 0;
  }
}
function parseEntry(raw, shown = true) {
  const record = object(raw);
  if (!record || !realTime(record.at)) return void 0;
  if (!TEXT_FIELDS.every((field) => typeof record[field] === "string")) return void 0;
  if (record.nonce === "") return void 0;
  const text = (key) => shown ? outside(record[key], 100) : "";
  return {
    at: record.at,
    outcome: text("outcome"),
    "run-id": text("run-id"),
    event: text("event"),
    repository: text("repository")
  };
}
function pushedEntry(raw) {
  const record = object(raw);
  return record && { at: record.at, nonce: record.nonce };
}

// src/modes/history.ts
var CLOCK_SKEW_MS = 5 * 6e4;
function asOf(now, written) {
  const stamped = written === void 0 ? NaN : Date.parse(written);
  return stamped > now.getTime() ? new Date(stamped) : now;
}
var SAME_RUN_MS = 30 * 6e4;
function median(values) {
  if (values.length === 0) return void 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
var HOUR = 36e5;
var round = (hours) => Math.round(hours * 10) / 10;
function runsOf(entries, within) {
  const runs = [];
  let kept = Infinity;
  for (const { at } of entries) {
    const t = Date.parse(at);
    if (kept - t < within) continue;
    runs.push(at);
    kept = t;
  }
  return runs;
}
function runsAndIntervals(entries) {
  const measure = (within2) => {
    const runs = runsOf(entries, within2);
    const times = runs.map((at) => Date.parse(at));
    const intervals = times.slice(1).map((t, i) => ((times[i] ?? t) - t) / HOUR);
    return { runs, intervals, usual: intervals.length >= 2 ? median(intervals) : void 0 };
  };
  const first = measure(SAME_RUN_MS);
  const within = first.usual === void 0 ? SAME_RUN_MS : first.usual * HOUR / 5;
  return within < SAME_RUN_MS ? measure(within) : first;
}
function missedIn(intervals, usual) {
  const missed = intervals.map((hours) => Math.max(0, Math.round(hours / usual) - 1));
  const short = intervals.map((hours) => hours <= usual / 2);
  for (let i = 0; i < intervals.length; i++) {
    if ((missed[i] ?? 0) < 1) continue;
    const beside = [i - 1, i + 1].find((j) => short[j] === true);
    if (beside === void 0) continue;
    const together = ((intervals[i] ?? 0) + (intervals[beside] ?? 0)) / usual;
    missed[i] = Math.max(0, Math.round(together) - 2);
    short[beside] = false;
  }
  return missed;
}
function analyse(raw, now, keepEntries = false) {
  const parsed = raw.map((r) => parseEntry(r, keepEntries)).filter((e) => e !== void 0);
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const entries = parsed.filter((e) => Date.parse(e.at) <= latest).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const { runs, intervals, usual } = runsAndIntervals(entries);
  const spans = [
    ...runs.slice(0, 1).map((from) => ({
      from,
      to: void 0,
      hours: Math.max(0, now.getTime() - Date.parse(from)) / HOUR
    })),
    ...intervals.map((hours, i) => ({ from: runs[i + 1] ?? "", to: runs[i], hours }))
  ];
  const missed = usual === void 0 ? [] : [
    Math.max(0, Math.round((spans[0]?.hours ?? 0) / usual) - 1),
    ...missedIn(intervals, usual)
  ];
  const gaps = spans.map((span, i) => ({ ...span, hours: round(span.hours), missed: missed[i] ?? 0 })).filter((gap) => gap.missed >= 1);
  return {
    kept: entries.length,
    ...keepEntries ? { entries } : {},
    unreadable: raw.length - parsed.length,
    future: parsed.length - entries.length,
    merged: entries.length - runs.length,
    runs,
    medianIntervalHours: usual === void 0 ? void 0 : round(usual),
    longestGapHours: spans.length > 0 ? round(Math.max(...spans.map((s) => s.hours))) : void 0,
    gaps,
    missedRuns: gaps.reduce((sum, g) => sum + g.missed, 0)
  };
}
function describeGap(gap) {
  const short = (iso) => iso.slice(0, 16).replace("T", " ");
  const end = gap.to === void 0 ? "now (no run since)" : short(gap.to);
  const runs = `about ${gap.missed} run${gap.missed === 1 ? "" : "s"} missed`;
  return `${short(gap.from)} \u2192 ${end}, ${gap.hours} h: ${runs}`;
}

// src/report/format.ts
function errorFields(error) {
  return error ? { kind: error.kind, message: error.message, fix: error.fix } : null;
}
function databaseResult(db, backstop) {
  const o = db.outcome;
  const history = o?.history;
  return {
    database: db.database,
    source: db.source,
    ok: db.error === void 0,
    reply: o?.reply ?? null,
    "latency-ms": db.latencyMs ?? null,
    attempts: db.attempts,
    "maintenance-count": o?.count ?? null,
    "last-maintenance": o?.lastMaintenance ?? null,
    "previous-maintenance": o?.previousMaintenance ?? null,
    "runs-in-history": history?.kept ?? null,
    "median-interval-hours": history?.medianIntervalHours ?? null,
    "longest-gap-hours": history?.longestGapHours ?? null,
    "missed-runs": history?.missedRuns ?? null,
    backstop: backstop ?? null,
    "backstop-last-beat": o?.backstopBeat ?? null,
    "backstop-beats": o?.backstopBeats ?? null,
    replayed: o?.replayed ?? false,
    error: errorFields(db.error)
  };
}

// src/report/result.ts
function runResult(mode, databases, failure) {
  return {
    ok: !failure,
    mode,
    databases: databases.map((db) => databaseResult(db)),
    histories: databases.flatMap((db) => {
      const history = db.outcome?.history;
      return history ? [{ database: db.database, entries: history.entries ?? [], gaps: history.gaps }] : [];
    }),
    error: errorFields(failure)
  };
}
function refusedResult(error) {
  return { ok: false, mode: null, databases: [], histories: [], error: errorFields(error) };
}

// src/wording.ts
var surface = "action";
function useSurface(next) {
  surface = next;
}
var optionName = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
function setting(name, line) {
  if (surface === "action") {
    return `input '${name}'${line === void 0 ? "" : ` line ${line}`}`;
  }
  if (surface === "library") {
    return `option ${optionName(name)}${line === void 0 ? "" : ` entry ${line}`}`;
  }
  if (name === "mode") return "the mode";
  return line === void 0 ? `--${name}` : `--${name} number ${line}`;
}
function settingWith(name, value) {
  if (surface === "library") return `${optionName(name)}: '${value}'`;
  return surface === "action" ? `${name}: '${value}'` : `--${name} '${value}'`;
}
function secretFrom(variable) {
  if (surface === "action") return `passed from a secret such as \${{ secrets.${variable} }}`;
  return `kept in an environment variable such as ${variable}, never in code`;
}
function scheduler() {
  return surface === "library" ? "whatever calls the keep-alive (Vercel Cron, QStash, a cron in your app): is it still scheduled, deployed with its secrets, and answered without errors?" : "the keep-alive workflow: is its schedule disabled (GitHub disables schedules after 60 days without activity) or are its runs failing?";
}
function Setting(name, line) {
  const text = setting(name, line);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
function changeSetting(name) {
  if (surface === "action") return `change '${name}' in the with: block of this step.`;
  if (surface === "library") return `give the option ${optionName(name)} a value it accepts.`;
  if (name === "mode") return "give one of the modes as the first argument; see --help.";
  return `give --${name} a value it accepts; see --help.`;
}
function settingIsEmpty(name) {
  if (surface === "library") return `option ${optionName(name)} is not given`;
  return surface === "action" ? `input '${name}' is empty` : `--${name} is not given`;
}
function missedRunCauses() {
  return surface === "library" ? "likely causes: the scheduler that calls the keep-alive stopped, skipped runs, or its calls failed (a deployment without its secrets, a route refusing them)." : "likely causes: the schedule was disabled (GitHub disables it after 60 days without activity), runs were delayed or dropped (GitHub drops queued scheduled runs at busy times: schedule off the full hour), or runs failed (see the workflow runs and the alert issue).";
}
function unsetSecret() {
  return surface === "action" ? " A secret that is not set arrives empty: check its name under Settings \u2192 Secrets and variables \u2192 Actions (runs from forks and Dependabot get no secrets)." : "";
}

// src/input-error.ts
var InputError = class extends KeepaliveError {
  input;
  constructor(input, message, subject = Setting(input), fix2 = changeSetting(input)) {
    super("input", `${subject} ${message}`, fix2);
    this.input = input;
  }
};

// src/connections/url.ts
function fromUrl(value, context) {
  const fail = (message) => new InputError("url", message, context.subject, context.urlFix);
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    const hint = /^[\w.-]+\.[a-z]{2,}(:\d+)?(\/\S*)?$/i.test(value) ? " It has no scheme: put https:// in front of it." : "";
    throw fail(
      `is not a valid URL: expected the REST URL of the database, such as https://<name>.upstash.io, or a redis:// or rediss:// URL.${hint}`
    );
  }
  if (parsed.search !== "" || parsed.hash !== "") {
    throw fail(
      "must not contain a query string or fragment: use the plain URL as the Upstash console shows it, and pass the token or password separately."
    );
  }
  switch (parsed.protocol) {
    case "https:":
    case "http:":
      return restConnection(parsed, context, fail);
    case "redis:":
    case "rediss:":
      return tcpConnection(parsed, context, fail);
    default:
      throw fail("must start with https:// (the REST URL), or redis:// or rediss:// (TCP).");
  }
}
var OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
var LOOPBACK_V4 = new RegExp(`^127\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
function isLoopback(hostname) {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || LOOPBACK_V4.test(host);
}
function restConnection(parsed, context, fail) {
  if (parsed.protocol === "http:" && !isLoopback(parsed.hostname)) {
    throw fail(
      "must start with https://: over http:// the token would cross the network in clear. Plain http:// is accepted only for a local endpoint (localhost, 127.0.0.1, [::1])."
    );
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw fail(
      `must not contain credentials (user:password@): put the REST token in ${setting("token")} instead.`
    );
  }
  const { token } = context;
  if (token === "") {
    const orVariable = context.tokenVariable ? ` (or set ${context.tokenVariable})` : "";
    throw new InputError(
      "token",
      `is required${orVariable}: the REST token of the database (Upstash console \u2192 your database \u2192 REST API \u2192 UPSTASH_REDIS_REST_TOKEN), ${secretFrom("UPSTASH_REDIS_REST_TOKEN")}.`,
      context.tokenVariable ? Setting("token") : context.tokenSubject,
      // The URL came from a variable: its token goes in the variable paired with it.
      context.tokenVariable ? `set ${context.tokenVariable} (the REST token, beside ${context.source}), or give ${setting("token")}.` : context.tokenFix
    );
  }
  checkSecret(token, "token", context, "REST token");
  const path = parsed.pathname.replace(/\/+$/, "");
  return {
    kind: "rest",
    url: `${parsed.origin}${path}`,
    token,
    database: parsed.host,
    source: context.source,
    tokenSource: context.tokenSource
  };
}
function tcpConnection(parsed, context, fail) {
  if (parsed.hostname === "")
    throw fail("has no host: expected rediss://default:PASSWORD@host:6379.");
  const port = parsed.port === "" ? 6379 : Number(parsed.port);
  const dbPath = parsed.pathname.replace(/^\/+|\/+$/g, "");
  if (dbPath !== "" && !/^\d{1,5}$/.test(dbPath)) {
    throw fail(`has a path that is not a database number (/0, /1, \u2026).`);
  }
  const decode2 = (part, what) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw fail(
        `has a ${what} with a % that does not start an escape (%XX): write a % itself as %25.`
      );
    }
  };
  const inUrl = decode2(parsed.password, "password");
  const username = decode2(parsed.username, "user name");
  const password = inUrl || context.token || void 0;
  if (password !== void 0) {
    const from = inUrl ? { ...context, tokenSource: "the URL" } : context;
    checkSecret(password, inUrl ? "url" : "token", from, "password");
  }
  const hostname = parsed.hostname.replace(/^\[|\]$/g, "");
  if (password !== void 0 && parsed.protocol === "redis:" && !isLoopback(hostname)) {
    throw fail(
      "must start with rediss:// (TLS) when a password goes with it: over redis:// the password would cross the network in clear (the TCP endpoints of Upstash require TLS anyway). Plain redis:// with a password is accepted only for a local server (localhost, 127.0.0.1, [::1])."
    );
  }
  return {
    kind: "tcp",
    host: hostname,
    port,
    tls: parsed.protocol === "rediss:",
    username: username || void 0,
    password,
    db: dbPath === "" ? 0 : Number(dbPath),
    database: `${parsed.hostname}:${port}${dbPath !== "" && dbPath !== "0" ? `/${dbPath}` : ""}`,
    source: context.source,
    tokenSource: inUrl ? "the URL" : context.tokenSource
  };
}
var INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u2000-\u200a\u3000]/u;
function checkSecret(secret, input, context, what) {
  const subject = input === "url" ? context.subject : context.tokenSubject;
  const fix2 = input === "url" ? context.urlFix : context.tokenFix;
  if (/\s/.test(secret)) {
    throw new InputError(
      input,
      `contains whitespace or a line break inside the ${what}: paste it as one line, exactly as the Upstash console shows it.`,
      subject,
      fix2
    );
  }
  const odd = what === "REST token" ? /[^\x21-\x7e]/.exec(secret) : INVISIBLE.exec(secret);
  if (odd) {
    const code = `U+${(odd[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new InputError(
      input,
      `holds a ${what} with the character ${code}, which no ${what} contains (often an invisible character picked up when copying): paste it again, exactly as the Upstash console shows it.`,
      subject,
      fix2
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new InputError(
      input,
      `holds a ${what} of ${secret.length} character${secret.length === 1 ? "" : "s"}: too short to be one (at least ${MIN_SECRET_LENGTH}). Pass the whole ${what} from a secret; an Upstash REST token has about 60 characters.`,
      subject,
      fix2
    );
  }
}

// src/connections/index.ts
function lines(raw) {
  return raw.split(/\r?\n/);
}
function namesFor(values) {
  if (values.fromDatabases) {
    const entry = (n) => `${setting("databases")} entry ${n}`;
    return {
      input: "databases",
      url: entry,
      urlSubject: (n) => `${Setting("databases")} entry ${n}`,
      token: (n) => `the token of ${entry(n)}`,
      tokenSubject: (n) => `The token of ${entry(n)}`
    };
  }
  return {
    input: "url",
    url: (n) => setting("url", n),
    urlSubject: (n) => Setting("url", n),
    token: (n) => setting("token", n),
    tokenSubject: (n) => Setting("token", n)
  };
}
function parseConnections(values, env) {
  const urls = values.urls.map((line) => line.trim());
  while (urls.length > 0 && urls[0] === "" && !values.fromDatabases) urls.shift();
  while (urls.length > 0 && urls.at(-1) === "" && !values.fromDatabases) urls.pop();
  if (urls.length <= 1 && !values.fromDatabases) {
    return [parseConnection(urls[0] ?? "", values.tokens.join("\n"), env, values.tokenVariable)];
  }
  const tokens = [...values.tokens];
  while (tokens.length > 0 && tokens.at(-1)?.trim() === "") tokens.pop();
  if (tokens.length > urls.length) {
    throw new InputError(
      "token",
      `has ${tokens.length} entries but ${setting("url")} has ${urls.length}: give one token per URL, in the same order (an entry may be empty for a URL that carries its password).`
    );
  }
  const names = namesFor(values);
  const seen = /* @__PURE__ */ new Map();
  return urls.map((url, i) => {
    const n = i + 1;
    if (url === "") {
      throw new InputError(
        names.input,
        "is empty: give one database URL per line, no blank lines between them.",
        names.urlSubject(n)
      );
    }
    const variable = values.tokenVariable;
    const connection = fromUrl(url, {
      token: cleanToken(tokens[i] ?? ""),
      source: names.url(n),
      subject: names.urlSubject(n),
      tokenSource: variable ?? names.token(n),
      tokenSubject: variable ? `Environment variable ${variable}` : names.tokenSubject(n),
      tokenFix: variable ? `change the environment variable ${variable}, or give ${setting("token")}.` : values.fromDatabases ? changeSetting("databases") : void 0,
      urlFix: values.fromDatabases ? changeSetting("databases") : void 0
    });
    const first = seen.get(connection.database);
    if (first !== void 0) {
      throw new InputError(
        names.input,
        `entries ${first} and ${n} name the same database (${connection.database}).`
      );
    }
    seen.set(connection.database, n);
    return connection;
  });
}
function parseConnection(urlInput, tokenInput, env, tokenVariable) {
  const token = cleanToken(tokenInput);
  const url = urlInput.trim();
  if (url !== "") {
    return fromUrl(url, {
      token,
      source: setting("url"),
      subject: Setting("url"),
      tokenSource: tokenVariable ?? setting("token"),
      tokenSubject: tokenVariable ? `Environment variable ${tokenVariable}` : Setting("token"),
      tokenFix: tokenVariable ? `change the environment variable ${tokenVariable}, or give ${setting("token")}.` : void 0
    });
  }
  for (const fallback of ENV_FALLBACKS) {
    const value = env[fallback.url]?.trim() ?? "";
    if (value === "") continue;
    const fromVariable = token === "" && fallback.token !== void 0;
    return fromUrl(value, {
      token: fromVariable ? cleanToken(env[fallback.token ?? ""] ?? "") : token,
      source: fallback.url,
      subject: `Environment variable ${fallback.url} (used because ${settingIsEmpty("url")})`,
      tokenSource: fromVariable ? fallback.token ?? "" : setting("token"),
      tokenSubject: fromVariable ? `Environment variable ${fallback.token ?? ""}` : Setting("token"),
      tokenVariable: fallback.token,
      urlFix: `change the environment variable ${fallback.url}, or give ${setting("url")}.`,
      tokenFix: fromVariable ? `change the environment variable ${fallback.token ?? ""}, or give ${setting("token")}.` : void 0
    });
  }
  throw new InputError(
    "url",
    `is required: the REST URL of the database, such as https://<name>.upstash.io (Upstash console \u2192 your database \u2192 REST API \u2192 UPSTASH_REDIS_REST_URL), or a redis:// or rediss:// URL. When it is not given, these environment variables are tried in order, and none is set: ${fallbackNames()}.${unsetSecret()}`
  );
}

// src/inputs/limits.ts
var DEFAULTS = {
  // The one keep-alive sure to count as traffic: Upstash does not say whether a PING does.
  mode: "maintenance",
  keyPrefix: "upstash-keepalive",
  timeoutSeconds: 10,
  maxAttempts: 3,
  keepWorkflowAlive: false,
  keepAliveAfterDays: 45,
  warnAfterDays: 50,
  historySize: 90,
  concurrency: 32,
  /** QStash's free plan holds 10 schedules: 2 are left for the user's own app. */
  backstopMaxSchedules: 8,
  databasesMatching: "*",
  upstashApiUrl: "https://api.upstash.com"
};
var LIMITS = {
  /** Below this an attempt could not even connect; the clock measures milliseconds. */
  minTimeoutSeconds: 0.1,
  timeoutSeconds: 300,
  maxAttempts: 10,
  keyPrefixLength: 128,
  historySize: 1e3,
  concurrency: 256,
  backstopMaxSchedules: 1e5,
  minUpstashCommands: 1e9
};

// src/modes/types.ts
var MODES = ["ping", "maintenance", "status"];
function keysFor(prefix) {
  return {
    lastMaintenance: `${prefix}:last-maintenance`,
    previousMaintenance: `${prefix}:previous-maintenance`,
    status: `${prefix}:status`,
    count: `${prefix}:count`,
    metadata: `${prefix}:metadata`,
    history: `${prefix}:history`,
    backstopBeat: `${prefix}:backstop-beat`,
    backstopBeats: `${prefix}:backstop-beats`
  };
}

// src/inputs/values.ts
function parseFailOn(raw) {
  const value = raw.trim().toLowerCase();
  if (value === "" || value === "any") return "any";
  if (value === "all") return "all";
  throw new InputError("fail-on", `must be any or all; got '${outside(raw.trim(), 100)}'.`);
}
function parseBoolean(input, raw, fallback) {
  const value = raw.trim();
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new InputError(input, `must be true or false; got '${outside(value, 100)}'.`);
}
function parseMode(raw) {
  const value = raw.trim().toLowerCase();
  if (value === "") return DEFAULTS.mode;
  const mode = MODES.find((m) => m === value);
  if (mode === void 0) {
    throw new InputError(
      "mode",
      `must be one of ${MODES.join(", ")}; got '${outside(raw.trim(), 100)}'.`
    );
  }
  return mode;
}
function parseKeyPrefix(raw) {
  const value = raw.trim();
  if (value === "") return DEFAULTS.keyPrefix;
  if (/\s/.test(value) || printable(value) !== value) {
    throw new InputError("key-prefix", "must not contain whitespace or control characters.");
  }
  if (/[*?[\]\\]/.test(value)) {
    throw new InputError(
      "key-prefix",
      "must not contain the glob characters * ? [ ] or a backslash: keys under it must be matchable exactly."
    );
  }
  if (value.length > LIMITS.keyPrefixLength) {
    throw new InputError(
      "key-prefix",
      `must be at most ${LIMITS.keyPrefixLength} characters; got ${value.length}.`
    );
  }
  return value;
}
function parseNumber(input, raw, accepted) {
  const value = raw.trim();
  if (value === "") return void 0;
  const n = /^[+]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) {
    throw new InputError(input, `must be ${accepted}; got '${outside(value, 100)}'.`);
  }
  return n;
}
function parseTimeout(raw) {
  const accepted = `a number of seconds from ${LIMITS.minTimeoutSeconds} to ${LIMITS.timeoutSeconds}`;
  const seconds = parseNumber("timeout-seconds", raw, accepted) ?? DEFAULTS.timeoutSeconds;
  if (seconds < LIMITS.minTimeoutSeconds || seconds > LIMITS.timeoutSeconds) {
    throw new InputError(
      "timeout-seconds",
      `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`
    );
  }
  return Math.round(seconds * 1e3);
}
function parseMaxAttempts(raw) {
  const accepted = `a whole number from 1 to ${LIMITS.maxAttempts}`;
  const n = parseNumber("max-attempts", raw, accepted) ?? DEFAULTS.maxAttempts;
  if (!Number.isInteger(n) || n < 1 || n > LIMITS.maxAttempts) {
    throw new InputError("max-attempts", `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`);
  }
  return n;
}
function parseWhole(input, raw, min, max) {
  const accepted = `a whole number from ${min} to ${max}`;
  const n = parseNumber(input, raw, accepted);
  if (n !== void 0 && (!Number.isInteger(n) || n < min || n > max)) {
    throw new InputError(input, `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`);
  }
  return n;
}
function parseMaxAge(raw) {
  const accepted = "a number of hours greater than 0, or empty for no limit";
  const hours = parseNumber("max-age-hours", raw, accepted);
  if (hours !== void 0 && hours <= 0) {
    throw new InputError(
      "max-age-hours",
      `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`
    );
  }
  return hours;
}

// src/inputs/account.ts
var ACCOUNT_ONLY = ["databases-matching", "include-paid", "min-upstash-commands-7d"];
function parseAccount(read, env) {
  const raw = Object.fromEntries(
    ["upstash-api-key", "upstash-email", "upstash-api-url", ...ACCOUNT_ONLY].map((n) => [
      n,
      read(n)
    ])
  );
  const apiKey = raw["upstash-api-key"]?.trim() || (env.UPSTASH_API_KEY?.trim() ?? "");
  const emailInput = raw["upstash-email"]?.trim() ?? "";
  if (apiKey === "") {
    if (emailInput !== "") throw needsKey("upstash-email");
    const given = ACCOUNT_ONLY.find((name) => !isDefault(name, raw[name] ?? ""));
    if (given !== void 0) throw needsKey(given);
    return void 0;
  }
  checkKey(apiKey);
  return {
    email: parseEmail(emailInput || (env.UPSTASH_EMAIL?.trim() ?? "")),
    apiKey,
    matching: parseGlobs(raw["databases-matching"] ?? ""),
    includePaid: parseBoolean("include-paid", raw["include-paid"] ?? "", false),
    apiUrl: parseApiUrl(raw["upstash-api-url"] ?? ""),
    minCommands7d: parseWhole(
      "min-upstash-commands-7d",
      raw["min-upstash-commands-7d"] ?? "",
      0,
      LIMITS.minUpstashCommands
    )
  };
}
function isDefault(name, raw) {
  const value = raw.trim();
  if (name === "databases-matching") return value === "" || value === DEFAULTS.databasesMatching;
  if (name === "include-paid") return value === "" || value.toLowerCase() === "false";
  return value === "";
}
function needsKey(name) {
  return new InputError(
    name,
    `is given but ${setting("upstash-api-key")} is not: the account's databases are read with the Developer API's key (or set UPSTASH_API_KEY).`
  );
}
function checkKey(key) {
  if (/[^\x21-\x7e]/.test(key) || key.length < 8 || key.length > 500) {
    throw new InputError(
      "upstash-api-key",
      "is not a Developer API key: paste the key of the Upstash console \u2192 Account \u2192 Management API, whole and on one line."
    );
  }
}
function parseEmail(email) {
  if (email === "") {
    throw new InputError(
      "upstash-email",
      `is required with ${setting("upstash-api-key")}: the e-mail of the Upstash account the key belongs to (or set UPSTASH_EMAIL).`
    );
  }
  if (email.length > 254 || !/^[^\s:@]+@[^\s:@]+$/.test(email) || printable(email) !== email) {
    throw new InputError(
      "upstash-email",
      "is not an e-mail address: give the e-mail of the Upstash account, such as you@example.com."
    );
  }
  return email;
}
function parseGlobs(raw) {
  const globs = raw.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
  if (globs.length === 0) return [DEFAULTS.databasesMatching];
  const bad = globs.find((g) => g.length > 200 || printable(g) !== g);
  if (bad !== void 0 || globs.length > 100) {
    throw new InputError(
      "databases-matching",
      `must be globs on database names, one per line (at most 100, each at most 200 printable characters); got '${outside(bad ?? `${globs.length} lines`, 100)}'.`
    );
  }
  return globs;
}
function parseApiUrl(raw) {
  const value = raw.trim() || DEFAULTS.upstashApiUrl;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      "upstash-api-url",
      `is not a valid URL: expected ${DEFAULTS.upstashApiUrl}.`
    );
  }
  const plain = url.protocol === "http:" && isLoopback(url.hostname);
  const bare = url.username === "" && url.password === "" && url.search === "" && url.hash === "";
  if (url.protocol !== "https:" && !plain || !bare) {
    throw new InputError(
      "upstash-api-url",
      `must be an https:// URL without credentials, query or fragment, such as ${DEFAULTS.upstashApiUrl} (plain http:// only for a local stand-in): the API key travels to it.`
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, "").replace(/\/v2$/, "");
}

// src/inputs/backstop.ts
var DEFAULT_QSTASH_URL = "https://qstash.upstash.io";
function parseBackstop(read, env) {
  const token = (read("qstash-token").trim() || env.QSTASH_TOKEN?.trim()) ?? "";
  const [rawUrl, rawCron] = [read("qstash-url"), read("backstop-cron")];
  const rawMax = read("backstop-max-schedules");
  if (token === "") return void 0;
  if (/\s/.test(token) || /[^\x21-\x7e]/.test(token) || token.length < 8) {
    throw new InputError(
      "qstash-token",
      "is not a QStash token: paste the QSTASH_TOKEN of the Upstash console \u2192 QStash, whole and on one line."
    );
  }
  const raw = rawUrl.trim() || env.QSTASH_URL?.trim() || DEFAULT_QSTASH_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError("qstash-url", "is not a valid URL: expected https://qstash.upstash.io.");
  }
  const plain = url.protocol === "http:" && isLoopback(url.hostname);
  if (url.protocol !== "https:" && !plain || url.username !== "" || url.password !== "") {
    throw new InputError(
      "qstash-url",
      "must be an https:// URL without credentials (plain http:// only for a local QStash): the QStash token travels to it."
    );
  }
  return {
    token,
    url: url.origin + url.pathname.replace(/\/+$/, ""),
    cron: parseCron(rawCron),
    maxSchedules: parseWhole("backstop-max-schedules", rawMax, 0, LIMITS.backstopMaxSchedules) ?? DEFAULTS.backstopMaxSchedules
  };
}
function parseCron(raw) {
  const value = raw.trim().replace(/\s+/g, " ");
  if (value === "") return void 0;
  const field = "[\\d*/,-]+";
  const pattern = new RegExp(`^(CRON_TZ=[\\w/+-]+ )?${field}( ${field}){4}$`);
  if (!pattern.test(value)) {
    throw new InputError(
      "backstop-cron",
      `must be a cron of five fields, such as '41 15 * * *' (UTC; CRON_TZ=Europe/Paris before it for a zone); got '${outside(value, 60)}'.`
    );
  }
  return value;
}

// src/inputs/fleet.ts
function parseDatabasesJson(json) {
  const shape = 'a JSON array of {"url": "...", "token": "..."} objects';
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    throw new InputError("databases", `is not valid JSON: expected ${shape}.`);
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new InputError("databases", `must be ${shape}, with at least one entry.`);
  }
  return value.map((entry, i) => {
    const record = entry;
    const url = record?.url;
    const token = record?.token ?? "";
    const known3 = record !== null && typeof record === "object" && !Array.isArray(record);
    const extra = known3 ? Object.keys(record).filter((k) => k !== "url" && k !== "token") : [];
    if (!known3 || typeof url !== "string" || typeof token !== "string" || extra.length > 0) {
      throw new InputError(
        "databases",
        `entry ${i + 1} must be {"url": "...", "token": "..."} (url a string; token a string, or left out for a redis:// URL that carries its password).`
      );
    }
    return { url, token };
  });
}
function parseShard(raw) {
  const value = raw.trim();
  if (value === "") return void 0;
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(value);
  const index = Number(match?.[1]);
  const of = Number(match?.[2]);
  if (!match || index < 1 || of < 1 || index > of) {
    throw new InputError(
      "shard",
      `must be k/n with 1 \u2264 k \u2264 n \u2264 999, such as 2/4 (the second of four jobs); got '${outside(value, 20)}'.`
    );
  }
  return { index, of };
}

// src/inputs/upkeep.ts
function parseUpkeepSettings(read) {
  return {
    keepWorkflowAlive: parseBoolean(
      "keep-workflow-alive",
      read("keep-workflow-alive"),
      DEFAULTS.keepWorkflowAlive
    ),
    keepAliveAfterDays: parseDays(read("keep-alive-after-days")),
    warnAfterDays: parseWarnDays(read("warn-after-days")),
    githubToken: read("github-token").trim(),
    alertIssue: parseBoolean("alert-issue", read("alert-issue"), false),
    webhookUrl: parseWebhookUrl(read("webhook-url"))
  };
}
function parseDays(raw) {
  const accepted = "a number of days, 0 or more (0: re-arm on every scheduled run)";
  const days = parseNumber("keep-alive-after-days", raw, accepted) ?? DEFAULTS.keepAliveAfterDays;
  if (days > 365) {
    throw new InputError(
      "keep-alive-after-days",
      `must be ${accepted}, at most 365; got '${outside(raw.trim(), 100)}'.`
    );
  }
  return days;
}
function parseWarnDays(raw) {
  const accepted = "a whole number of days from 0 to 59 (GitHub disables schedules at 60)";
  const days = parseNumber("warn-after-days", raw, accepted) ?? DEFAULTS.warnAfterDays;
  if (!Number.isInteger(days) || days > 59) {
    throw new InputError(
      "warn-after-days",
      `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`
    );
  }
  return days;
}
function parseWebhookUrl(raw) {
  const value = raw.trim();
  if (value === "") return void 0;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      "webhook-url",
      "is not a valid URL: expected a Slack or Discord incoming webhook URL (https://\u2026)."
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new InputError(
      "webhook-url",
      "must not contain user:password@: a webhook URL carries its secret in its path."
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw new InputError(
      "webhook-url",
      "must start with https:// (plain http:// only for a local receiver): the URL is a secret."
    );
  }
  return value;
}

// src/inputs/index.ts
function parseSettings(read, env = {}, given) {
  const single = {
    failOn: parseFailOn(read("fail-on")),
    mode: parseMode(read("mode")),
    keyPrefix: parseKeyPrefix(read("key-prefix")),
    timeoutMs: parseTimeout(read("timeout-seconds")),
    maxAttempts: parseMaxAttempts(read("max-attempts")),
    maxAgeHours: parseMaxAge(read("max-age-hours")),
    historySize: parseWhole("history-size", read("history-size"), 0, LIMITS.historySize) ?? DEFAULTS.historySize,
    maxMissedRuns: parseWhole("max-missed-runs", read("max-missed-runs"), 0, LIMITS.historySize),
    concurrency: parseWhole("concurrency", read("concurrency"), 1, LIMITS.concurrency) ?? DEFAULTS.concurrency,
    shard: parseShard(read("shard")),
    backstop: parseBackstop(read, env),
    upkeep: parseUpkeepSettings(read),
    account: parseAccount(read, env)
  };
  const values = given ?? connectionValues(read);
  const none = !values.fromDatabases && values.urls.every((url) => url.trim() === "");
  const all = single.account && none ? [] : parseConnections(values, env);
  const { shard } = single;
  const connections = shard ? all.filter((_, i) => i % shard.of === shard.index - 1) : all;
  return { connections, ...single };
}
function connectionValues(read) {
  const json = read("databases").trim();
  if (json === "") return { urls: lines(read("url")), tokens: lines(read("token")) };
  if (read("url").trim() !== "") {
    throw new InputError(
      "databases",
      `and ${setting("url")} are both given: give the databases in one of them.`
    );
  }
  const entries = parseDatabasesJson(json);
  return {
    urls: entries.map((e) => e.url),
    tokens: entries.map((e) => e.token),
    fromDatabases: true
  };
}

// src/library/options.ts
var INPUTS = [
  "mode",
  "url",
  "token",
  "databases",
  "key-prefix",
  "timeout-seconds",
  "max-attempts",
  "max-age-hours",
  "history-size",
  "max-missed-runs",
  "concurrency",
  "fail-on"
];
var NAMES = /* @__PURE__ */ new Set([...INPUTS.map(optionName), "env"]);
var REST_VARIABLES = [
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "KV_REST_API_URL",
  "KV_REST_API_TOKEN"
];
function environment(given) {
  const source = given ?? globalThis.process?.env ?? {};
  const env = {};
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === "string") env[name] = value;
  }
  return env;
}
function asInput(name, value) {
  if (value === void 0 || value === null) return "";
  if (name === "databases") {
    try {
      return JSON.stringify(value);
    } catch {
      throw new InputError(name, "must be an array of {url, token} objects, as JSON holds them.");
    }
  }
  if (Array.isArray(value) && (name === "url" || name === "token")) {
    return value.map((v) => typeof v === "string" ? v : "").join("\n");
  }
  if (typeof value === "string" || typeof value === "number") return String(value);
  const list2 = name === "url" || name === "token" ? " or an array of strings" : " or a number";
  throw new InputError(name, `must be a string${list2}.`);
}
function inputsOf(options) {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InputError("options", "must be an object.", "The options of keepAlive()");
  }
  const unknown = Object.keys(options).filter((name) => !NAMES.has(name));
  if (unknown.length > 0) {
    throw new InputError(
      "options",
      `${outside(unknown.join(", "), 200)}: not an option of keepAlive().`,
      `Option`,
      `use only ${[...NAMES].join(", ")}.`
    );
  }
  const inputs = /* @__PURE__ */ new Map();
  for (const name of INPUTS) {
    let value;
    try {
      value = options[optionName(name)];
    } catch {
      throw new InputError(name, "could not be read (its getter threw).");
    }
    inputs.set(name, asInput(name, value));
  }
  return inputs;
}
function settingsOf(options, all, mode) {
  const inputs = inputsOf(options);
  const env = Object.fromEntries(REST_VARIABLES.map((name) => [name, all[name]]));
  const read = (name) => name === "mode" && mode ? mode : inputs.get(name) ?? "";
  const release = holdSecrets(secretValues(read("token"), read("url"), env, [], read("databases")));
  try {
    return { settings: checkedSettings(read, env), release };
  } catch (error) {
    release();
    throw error;
  }
}
function refuseTcp(read, env) {
  const sources = [
    ["option url", read("url")],
    ["option databases", read("databases")],
    ["UPSTASH_REDIS_REST_URL", env.UPSTASH_REDIS_REST_URL ?? ""],
    ["KV_REST_API_URL", env.KV_REST_API_URL ?? ""]
  ];
  const tcp = sources.find(([, value]) => /(^|[\s"])rediss?:\/\//i.test(value));
  if (!tcp) return;
  throw new InputError(
    "url",
    `holds a redis:// or rediss:// URL (in ${tcp[0]}): the library and the route speak REST only.`,
    "A database URL",
    "give the REST URL of the database (https://<name>.upstash.io) and its REST token, as the Upstash console shows them (your database \u2192 REST API)."
  );
}
function checkedSettings(read, env) {
  refuseTcp(read, env);
  if (read("url").trim() === "" && read("databases") === "" && !env.UPSTASH_REDIS_REST_URL?.trim() && !env.KV_REST_API_URL?.trim()) {
    throw new InputError(
      "url",
      "is not given, and neither UPSTASH_REDIS_REST_URL nor KV_REST_API_URL is set: the REST URL of the database is needed (Upstash console \u2192 your database \u2192 REST API).",
      void 0,
      "set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (as Redis.fromEnv() reads them), or give url and token."
    );
  }
  const settings = parseSettings(read, env);
  return settings;
}

// package.json
var package_default = { version: "1.0.0" };

// src/version.ts
var VERSION = package_default.version;

// src/run-context.ts
var RUN_CONTEXT_FIELDS = [
  "repository",
  "workflow",
  "run-id",
  "run-attempt",
  "run-url",
  "sha",
  "ref",
  "actor",
  "event",
  "action-version",
  "runner-os"
];
function runContext(env) {
  const get = (name) => outside(env[name]?.trim() ?? "", 200);
  const server = get("GITHUB_SERVER_URL") || "https://github.com";
  const repository = get("GITHUB_REPOSITORY");
  const runId = get("GITHUB_RUN_ID");
  return {
    repository,
    workflow: get("GITHUB_WORKFLOW"),
    "run-id": runId,
    "run-attempt": get("GITHUB_RUN_ATTEMPT"),
    "run-url": repository && runId ? `${server}/${repository}/actions/runs/${runId}` : "",
    sha: get("GITHUB_SHA"),
    ref: get("GITHUB_REF"),
    actor: get("GITHUB_ACTOR"),
    event: get("GITHUB_EVENT_NAME"),
    "action-version": VERSION,
    "runner-os": get("RUNNER_OS")
  };
}

// src/failures.ts
var TOKEN_FIX = "use the REST token of the database (Upstash console \u2192 your database \u2192 REST API \u2192 UPSTASH_REDIS_REST_TOKEN), not the database password, and check the secret was copied whole, including any trailing `=`.";
function tokenRejected(detail, target) {
  return new KeepaliveError(
    "auth",
    `The database rejected the token given in ${target.tokenSource} (${outside(detail)}).`,
    TOKEN_FIX
  );
}
function passwordRejected(detail) {
  return new KeepaliveError(
    "auth",
    `The database rejected the password (${outside(detail)}).`,
    `use the password of the database's redis:// connection string (Upstash console \u2192 your database \u2192 Connect \u2192 TCP), given in the URL (rediss://default:PASSWORD@host:6379) or in ${setting("token")}; the REST token is not that password.`
  );
}
function permissionDenied(redisError, target) {
  const said = outside(redisError);
  if (target.kind === "tcp") {
    return new KeepaliveError(
      "read-only",
      `The database user of ${target.database} may not run a command the keep-alive needs (${said}).`,
      "give that ACL user the permission the error names (maintenance needs writes and EVAL under the key prefix; status and ping only reads), or use a user that has it; mode status needs only reads."
    );
  }
  return new KeepaliveError(
    "read-only",
    `The token given in ${target.tokenSource} is read-only: the database refused a write (${said}).`,
    "mode maintenance writes, so it needs the full-access REST token (UPSTASH_REDIS_REST_TOKEN), not the read-only one; or use mode status, which only reads."
  );
}
function protectedMode(redisError, database) {
  return new KeepaliveError(
    "refused",
    `${database} refused the connection: ${outside(redisError, 200)}`,
    "the server runs in protected mode: give it a password (requirepass or an ACL user) and put it in the URL, or bind it only to an interface the runner may reach."
  );
}
function outOfMemory(redisError, database) {
  return new KeepaliveError(
    "command",
    `${database} is out of memory and refused the write (${outside(redisError)}).`,
    "free space in the database or raise its memory limit (Upstash console \u2192 your database \u2192 usage and plan); the keep-alive itself stores only a few hundred bytes."
  );
}
function crossSlot(redisError, database) {
  return new KeepaliveError(
    "command",
    `${database} is a Redis Cluster and refused the keep-alive's keys, which hash to different slots (${outside(redisError)}); nothing was written.`,
    `give the keys one hash tag, so that they share a slot: ${settingWith("key-prefix", "{upstash-keepalive}")} (only the part in braces is hashed).`
  );
}
function commandFailure(error, command, key, target) {
  if (/\bNOPERM\b/.test(error)) return permissionDenied(error, target);
  if (/^(NOAUTH|WRONGPASS)\b/.test(error)) return passwordRejected(error);
  if (/^OOM\b/.test(error)) return outOfMemory(error, target.database);
  if (/^DENIED\b/.test(error)) return protectedMode(error, target.database);
  if (/^CROSSSLOT\b/.test(error)) return crossSlot(error, target.database);
  const on = key === void 0 ? "" : ` on key '${key}'`;
  if (/^WRONGTYPE\b/.test(error)) {
    return new KeepaliveError(
      "command",
      `${command}${on} was refused and nothing was written: ${outside(error)}.`,
      `a key under ${setting("key-prefix")} holds data the keep-alive did not write: choose another key prefix, or remove or rename that key yourself if its data is not needed.`
    );
  }
  return new KeepaliveError(
    "command",
    `${command}${on} failed: ${outside(error)}.`,
    "check the database accepts standard Redis commands and Lua scripts (Redis 6.2 or later)."
  );
}
function asKeepaliveError(error) {
  if (error instanceof KeepaliveError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new KeepaliveError(
    "internal",
    `Unexpected failure: ${outside(message)}`,
    "please report it with the log of this run at the action repository issues.",
    { cause: error }
  );
}

// src/modes/commands.ts
async function send(client, path, commands) {
  const replies = await client.request({ path: [path], body: commands });
  return replies;
}

// src/modes/lua.ts
var LUA_TIME = `
local function iso(ms)
  local days = math.floor(ms / 86400000)
  local rem = ms - days * 86400000
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', y, m, d,
    math.floor(rem / 3600000), math.floor(rem / 60000) % 60, math.floor(rem / 1000) % 60, rem % 1000)
end
local function parse_iso(text)
  if type(text) ~= 'string' then return nil end
  local y, mo, d, h, mi, s, f = string.match(text, '^(%d%d%d%d)%-(%d%d)%-(%d%d)T(%d%d):(%d%d):(%d%d)%.(%d%d%d)Z$')
  if not y then return nil end
  y, mo, d = tonumber(y), tonumber(mo), tonumber(d)
  if mo < 1 or mo > 12 or d < 1 or d > 31 then return nil end
  local yy = mo <= 2 and y - 1 or y
  local era = math.floor(yy / 400)
  local yoe = yy - era * 400
  local doy = math.floor((153 * (mo > 2 and mo - 3 or mo + 9) + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  local ms = ((era * 146097 + doe - 719468) * 86400 + tonumber(h) * 3600 + tonumber(mi) * 60 + tonumber(s)) * 1000 + tonumber(f)
  if iso(ms) ~= text then return nil end
  return ms
end
local function clock(fallback)
  local ok, t = pcall(redis.call, 'TIME')
  if ok and type(t) == 'table' and tonumber(t[1]) then
    return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), 'database'
  end
  return tonumber(fallback), 'runner'
end
`;
var VALUE_BYTES = 4096;
var RECENT_NONCES = 32;
var MAX_COUNT = 2 ** 53 - 2;
var MAINTENANCE_SCRIPT = `${LUA_TIME}
local size = tonumber(ARGV[5])
local kinds = {'string', 'string', 'string', 'string', 'hash', 'list'}
for i = 1, 6 do
  local key = KEYS[i]
  local kind = redis.call('TYPE', key).ok
  if kind ~= 'none' and kind ~= kinds[i] and (i < 6 or size > 0) then
    return redis.error_reply('WRONGTYPE key ' .. key .. ' holds a ' .. kind .. ', where the keep-alive keeps a ' .. kinds[i])
  end
end
local fields = {'maintained-at', 'clock', 'run-nonce'}
for i = 7, #ARGV, 2 do fields[#fields + 1] = ARGV[i] end
local function capped(value)
  if type(value) == 'string' and #value > ${VALUE_BYTES} then
    return '(a value of ' .. #value .. ' bytes, not returned)'
  end
  return value
end
local function text(key)
  if redis.call('TYPE', key).ok ~= 'string' then return false end
  return capped(redis.call('GET', key))
end
local function answer(outcome, previous, source)
  local history = {}
  if size > 0 then
    for i, entry in ipairs(redis.call('LRANGE', KEYS[6], 0, size - 1)) do
      history[i] = #entry <= ${ENTRY_BYTES} and entry
    end
  end
  local stored = redis.call('HMGET', KEYS[5], unpack(fields))
  for i = 1, #fields do stored[i] = capped(stored[i]) end
  return {outcome, capped(previous) or false, capped(redis.call('GET', KEYS[4])) or '0',
    capped(redis.call('GET', KEYS[1])) or false, capped(redis.call('GET', KEYS[3])) or false,
    stored, source, history, text(KEYS[7]), text(KEYS[8])}
end
local seen = redis.call('HMGET', KEYS[5], 'run-nonce', 'run-nonces')
local recent = type(seen[2]) == 'string' and seen[2] or ''
if seen[1] == ARGV[3] or string.find(' ' .. recent .. ' ', ' ' .. ARGV[3] .. ' ', 1, true) then
  return answer('replayed', redis.call('GET', KEYS[2]), redis.call('HGET', KEYS[5], 'clock') or 'runner')
end
local count = redis.call('GET', KEYS[4])
if count and not (count == '0' or (string.match(count, '^[1-9]%d*$')
    and (#count < 16 or (#count == 16 and count <= '${MAX_COUNT}')))) then
  return redis.error_reply('WRONGTYPE key ' .. KEYS[4] .. ' holds a string that is not a counter the keep-alive can increase (a whole number from 0 to ${MAX_COUNT})')
end
local now, source = clock(ARGV[1])
local old = redis.call('GET', KEYS[1])
local old_ms = parse_iso(old)
if old_ms and old_ms > now + tonumber(ARGV[4]) then old_ms = nil end
if old_ms and old_ms > now then now = old_ms end
local stamp = iso(now)
local nonces = {ARGV[3]}
for nonce in string.gmatch(recent, '[^ ]+') do
  if #nonces >= ${RECENT_NONCES} then break end
  if #nonce <= 64 then nonces[#nonces + 1] = nonce end
end
if old_ms then redis.call('SET', KEYS[2], old) end
redis.call('SET', KEYS[1], stamp)
redis.call('SET', KEYS[3], ARGV[2])
redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[5], 'maintained-at', stamp, 'clock', source, 'run-nonce', ARGV[3],
  'run-nonces', table.concat(nonces, ' '), unpack(ARGV, 7))
if size > 0 then
  redis.call('LPUSH', KEYS[6], '{"at":"' .. stamp .. '",' .. ARGV[6])
  redis.call('LTRIM', KEYS[6], 0, size - 1)
end
return answer('applied', old_ms and old, source)
`.trim();
var BEAT_SCRIPT = `${LUA_TIME}
for _, key in ipairs(KEYS) do
  local kind = redis.call('TYPE', key).ok
  if kind ~= 'none' and kind ~= 'string' then
    return redis.error_reply('WRONGTYPE key ' .. key .. ' holds a ' .. kind .. ', where the backstop keeps a string')
  end
end
local count = redis.call('GET', KEYS[2])
if count and not (count == '0' or (string.match(count, '^[1-9]%d*$') and #count < 16)) then
  return redis.error_reply('WRONGTYPE key ' .. KEYS[2] .. ' holds a string that is not a counter')
end
local now = clock(nil)
if not now then return redis.error_reply('ERR the database refused TIME in scripts: the beat has no clock') end
local stamp = iso(now)
redis.call('SET', KEYS[1], stamp)
redis.call('INCR', KEYS[2])
return stamp
`.trim();

// src/modes/replies.ts
function resultOf(entry, command, key, target) {
  if (entry === void 0) {
    throw new KeepaliveError(
      "protocol",
      `The answer is missing the reply to ${command}.`,
      `${setting("url")} must be the URL of an Upstash-compatible endpoint.`
    );
  }
  if (entry.error === void 0) return entry.result;
  throw commandFailure(entry.error, command, key, target);
}
function counter(value, key) {
  const text = typeof value === "number" ? String(value) : value;
  const count = typeof text === "string" && /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(count)) throw mismatch(key, "a whole number", value);
  return count;
}
var ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;
function isoTime(value, key) {
  const text = optionalString(value, key);
  if (text === void 0) return void 0;
  const valid = ISO_TIME.test(text) && realDate(text);
  if (!valid) throw mismatch(key, "an ISO 8601 time such as 2026-01-31T03:17:00.000Z", text);
  return text;
}
function realDate(text) {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return false;
  const [date = ""] = text.split("T");
  const offset = /([+-])(\d\d):(\d\d)$/.exec(text);
  const shift = offset ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return new Date(ms + shift * 6e4).toISOString().startsWith(date);
}
function optionalString(value, key) {
  if (value === null || value === void 0) return void 0;
  if (typeof value === "string") return value;
  throw mismatch(key, "a string or nothing", value);
}
function fieldValues(value, fields, key) {
  const out = /* @__PURE__ */ Object.create(null);
  if (value === null || value === void 0) return out;
  const values = Array.isArray(value) ? value : typeof value === "object" ? fields.map((f) => value[f]) : [];
  if (values.length !== fields.length) throw mismatch(key, "the values of its fields", value);
  fields.forEach((field, i) => {
    const v = values[i];
    if (v !== null && v !== void 0) out[field] = outside(v, CAPS.quoted);
  });
  return out;
}
function list(value, key) {
  if (value === null || value === void 0) return [];
  if (!Array.isArray(value)) throw mismatch(key, "a list", value);
  return value;
}
function verify(what, expected, actual) {
  if (actual !== expected) throw mismatch(what, JSON.stringify(expected), actual);
}
function mismatch(what, expected, actual) {
  return new KeepaliveError(
    "verification",
    `Verification failed: ${what} read back ${actual === void 0 || actual === null ? "nothing" : outside(actual, 200)}, expected ${expected}.`,
    `something else writes under this key prefix, or the endpoint does not store what it is sent: give the keep-alive a key prefix of its own (${setting("key-prefix")}).`
  );
}
function beatOf(beat, beats) {
  const at = typeof beat === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(beat) ? beat : void 0;
  const count = typeof beats === "string" && /^\d{1,15}$/.test(beats) ? Number(beats) : void 0;
  return at === void 0 ? {} : { beat: at, beats: count };
}

// src/modes/maintenance.ts
var STATUS_VALUE = "ok";
function fit(value, max) {
  let out = "";
  let used = 0;
  for (const c of printable(value)) {
    used += utf8Bytes(JSON.stringify(c)) - 2;
    if (used > max) break;
    out += c;
  }
  return out;
}
function entryTail(input) {
  const { context, nonce } = input;
  const entry = {
    outcome: "ok",
    "run-id": fit(context["run-id"], 64),
    event: fit(context.event, 64),
    repository: fit(context.repository, 200),
    nonce: fit(nonce, 64)
  };
  return JSON.stringify(entry).slice(1);
}
function scriptCommand(input, metadata) {
  const { keys, now, nonce, historySize } = input;
  const scriptKeys = [
    keys.lastMaintenance,
    keys.previousMaintenance,
    keys.status,
    keys.count,
    keys.metadata,
    keys.history,
    keys.backstopBeat,
    keys.backstopBeats
  ];
  const args = [
    String(now.getTime()),
    STATUS_VALUE,
    nonce,
    String(CLOCK_SKEW_MS),
    String(historySize),
    entryTail(input),
    ...Object.entries(metadata).flat()
  ];
  return ["eval", MAINTENANCE_SCRIPT, scriptKeys.length, ...scriptKeys, ...args];
}
async function maintenance(client, input) {
  const { keys, context, now, nonce, target, historySize, historyEntries } = input;
  const metadata = { ...context };
  const [entry] = await send(client, "multi-exec", [scriptCommand(input, metadata)]);
  const reply = resultOf(entry, "The maintenance script", void 0, target);
  if (!Array.isArray(reply) || reply.length !== 10) {
    throw new KeepaliveError(
      "protocol",
      `The maintenance script answered ${outside(reply, 200)} instead of its ten results.`,
      `${setting("url")} must be the URL of a Redis database that runs Lua scripts (EVAL).`
    );
  }
  const [applied, previousRaw, countRaw, readLast, readStatus, readMetadata, clock, history] = reply;
  const { beat, beats } = beatOf(reply[8], reply[9]);
  const last = isoTime(readLast, keys.lastMaintenance);
  if (last === void 0) throw mismatch(keys.lastMaintenance, "an ISO 8601 time", readLast);
  verify(keys.status, STATUS_VALUE, readStatus);
  const fields = ["maintained-at", "clock", "run-nonce", ...Object.keys(metadata)];
  const stored = fieldValues(readMetadata, fields, keys.metadata);
  const expected = { "maintained-at": last, "run-nonce": nonce, ...metadata };
  for (const [field, value] of Object.entries(applied === "replayed" ? {} : expected)) {
    verify(`${keys.metadata} field ${field}`, value, stored[field]);
  }
  const count = counter(countRaw, keys.count);
  if (count < 1) throw mismatch(keys.count, "a positive integer", countRaw);
  const raw = historySize > 0 ? list(history, keys.history) : void 0;
  const pushed = pushedEntry(raw?.[0]);
  if (raw && applied !== "replayed" && (pushed?.at !== last || pushed.nonce !== nonce)) {
    const expected2 = `the entry of this run (at ${JSON.stringify(last)}, nonce ${nonce})`;
    throw mismatch(`${keys.history} newest entry`, expected2, raw[0]);
  }
  const written = applied !== "replayed" || stored["run-nonce"] === nonce ? last : void 0;
  return {
    mode: "maintenance",
    count,
    lastMaintenance: last,
    previousMaintenance: isoTime(previousRaw, keys.previousMaintenance),
    clock: clock === "database" ? "database" : "runner",
    replayed: applied === "replayed",
    writtenAt: written,
    history: raw ? analyse(raw, asOf(now, written), historyEntries) : void 0,
    backstopBeat: beat,
    backstopBeats: beats
  };
}

// src/modes/history-read.ts
var MAX_PARTS = 16;
function halves(start, end) {
  const mid = Math.floor((start + end) / 2);
  return [
    [start, mid],
    [mid + 1, end]
  ];
}
async function historyInParts(client, key, count, target) {
  const read = [];
  const pending = count > 1 ? halves(0, count - 1) : count === 1 ? [[0, 0]] : [];
  let requests = 0;
  for (let part = pending.shift(); part; part = pending.shift()) {
    const [start, end] = part;
    if (requests >= MAX_PARTS) {
      read.push(...Array(end - start + 1).fill(null));
      continue;
    }
    requests += 1;
    try {
      const [entry] = await send(client, "pipeline", [["lrange", key, start, end]]);
      read.push(...list(resultOf(entry, "LRANGE", key, target), key));
    } catch (error) {
      if (!(error instanceof ReplyTooLarge)) throw error;
      if (start === end) read.push(null);
      else pending.unshift(...halves(start, end));
    }
  }
  return read;
}

// src/modes/status-large.ts
var stringKeys = (keys) => [
  keys.lastMaintenance,
  keys.previousMaintenance,
  keys.count,
  keys.backstopBeat,
  keys.backstopBeats
];
function recordReads(keys, fields) {
  const reads = stringKeys(keys).map((key) => ["get", key]);
  reads.splice(3, 0, ["hmget", keys.metadata, ...fields]);
  return reads;
}
var note = (bytes) => ({ result: `(a value of ${bytes} bytes, not read)` });
var lengthOf = (entry) => typeof entry?.result === "number" ? entry.result : 0;
async function readBounded(client, input, fields) {
  const { keys, target, historySize } = input;
  const strings = stringKeys(keys);
  const lengths = await send(client, "pipeline", [
    ...strings.map((key) => ["strlen", key]),
    ...fields.map((field) => ["hstrlen", keys.metadata, field]),
    ...historySize > 0 ? [["llen", keys.history]] : []
  ]);
  const stringBytes = strings.map((_, i) => lengthOf(lengths[i]));
  const fieldBytes = fields.map((_, i) => lengthOf(lengths[strings.length + i]));
  const small = fields.filter((_, i) => (fieldBytes[i] ?? 0) <= VALUE_BYTES);
  const reads = strings.filter((_, i) => (stringBytes[i] ?? 0) <= VALUE_BYTES).map((key) => ["get", key]);
  if (small.length > 0) reads.push(["hmget", keys.metadata, ...small]);
  const answers = reads.length > 0 ? await send(client, "pipeline", reads) : [];
  const entries = strings.map(
    (_, i) => (stringBytes[i] ?? 0) > VALUE_BYTES ? note(stringBytes[i] ?? 0) : answers.shift()
  );
  const hmget = small.length > 0 ? answers.shift() : { result: [] };
  entries.splice(3, 0, fieldsEntry(fields, fieldBytes, hmget));
  if (historySize === 0) return { entries };
  const llen = Number(resultOf(lengths.at(-1), "LLEN", keys.history, target));
  const count = Number.isSafeInteger(llen) ? Math.min(Math.max(llen, 0), historySize) : 0;
  return { entries, parts: await historyInParts(client, keys.history, count, target) };
}
function fieldsEntry(fields, bytes, reply) {
  if (!reply || reply.error !== void 0 || !Array.isArray(reply.result)) return reply ?? {};
  const values = [...reply.result];
  return {
    result: fields.map(
      (_, i) => (bytes[i] ?? 0) > VALUE_BYTES ? note(bytes[i] ?? 0).result : values.shift()
    )
  };
}

// src/modes/status.ts
var METADATA_FIELDS = ["maintained-at", "clock", "run-nonce", ...RUN_CONTEXT_FIELDS];
async function readAll(client, input) {
  const { keys, historySize } = input;
  const history = historySize > 0 ? [["lrange", keys.history, 0, historySize - 1]] : [];
  try {
    const reads = [...recordReads(keys, METADATA_FIELDS), ...history];
    return { entries: await send(client, "pipeline", reads) };
  } catch (error) {
    if (!(error instanceof ReplyTooLarge)) throw error;
  }
  return readBounded(client, input, METADATA_FIELDS);
}
async function status(client, input) {
  const { keys, target, now, historySize, historyEntries } = input;
  const { entries, parts } = await readAll(client, input);
  const read = (i, command, key) => resultOf(entries[i], command, key, target);
  const { beat, beats } = beatOf(entries[4]?.result, entries[5]?.result);
  return {
    mode: "status",
    count: counter(read(2, "GET", keys.count) ?? "0", keys.count),
    lastMaintenance: isoTime(read(0, "GET", keys.lastMaintenance), keys.lastMaintenance),
    previousMaintenance: isoTime(
      read(1, "GET", keys.previousMaintenance),
      keys.previousMaintenance
    ),
    metadata: fieldValues(read(3, "HMGET", keys.metadata), METADATA_FIELDS, keys.metadata),
    history: historySize > 0 ? analyse(parts ?? list(read(6, "LRANGE", keys.history), keys.history), now, historyEntries) : void 0,
    backstopBeat: beat,
    backstopBeats: beats
  };
}

// src/modes/checks.ts
var fix = () => `check ${scheduler()}`;
function checkFreshness(outcome, maxAgeHours, now) {
  if (outcome.mode !== "status" || maxAgeHours === void 0) return;
  const last = outcome.lastMaintenance;
  if (last === void 0) {
    throw new KeepaliveError(
      "stale",
      `No maintenance is recorded under this key prefix (${setting("max-age-hours")} is ${maxAgeHours}).`,
      fix()
    );
  }
  const ageMs = now.getTime() - Date.parse(last);
  if (ageMs < -CLOCK_SKEW_MS) {
    throw new KeepaliveError(
      "stale",
      `The last maintenance is recorded in the future (${last}, ${Math.round(-ageMs / 6e4)} min ahead of this runner's clock): it proves nothing about the keep-alive's age.`,
      "a clock is wrong, or something else wrote that key: run mode maintenance once to record a true time (it never keeps a time from the future)."
    );
  }
  const ageHours = ageMs / 36e5;
  if (ageHours > maxAgeHours) {
    throw new KeepaliveError(
      "stale",
      `The last maintenance was ${ageHours.toFixed(1)} h ago (${last}), older than ${setting("max-age-hours")} ${maxAgeHours}.`,
      fix()
    );
  }
}
function checkMissedRuns(outcome, maxMissed) {
  const history = outcome.history;
  if (outcome.mode !== "status" || maxMissed === void 0 || !history) return;
  if (history.missedRuns <= maxMissed) return;
  const gaps = history.gaps.map(describeGap).join("; ");
  const missed = history.missedRuns === 1 ? "1 run was" : `${history.missedRuns} runs were`;
  throw new KeepaliveError(
    "stale",
    `${missed} missed in the last ${history.kept} (usual interval ${history.medianIntervalHours ?? "?"} h), more than ${setting("max-missed-runs")} ${maxMissed}: ${gaps}.`,
    missedRunCauses()
  );
}

// src/modes/index.ts
async function runMode(client, input) {
  switch (input.mode) {
    case "ping":
      return ping(client, input.target);
    case "maintenance":
      return maintenance(client, input);
    case "status":
      return status(client, input);
  }
}
async function ping(client, target) {
  const [entry] = await send(client, "pipeline", [["ping"]]);
  const reply = resultOf(entry, "PING", void 0, target);
  if (reply !== "PONG") {
    throw new KeepaliveError(
      "protocol",
      `PING was answered with ${outside(reply, 100)} instead of PONG.`,
      `${setting("url")} must be the URL of a Redis database.`
    );
  }
  return { mode: "ping", reply };
}

// src/pool.ts
async function atMost(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      results[i] = await work(items[i]);
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

// src/retry.ts
var MAX_TOTAL_WAIT_MS = 6e4;
var DEFAULT_BACKOFF = {
  baseDelayMs: 500,
  maxDelayMs: 8e3,
  maxTotalWaitMs: MAX_TOTAL_WAIT_MS
};
function backoffDelay(next, policy, retryAfterMs, random = Math.random) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (next - 2));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
var realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function withRetry(attempt, policy, hooks = {}) {
  const sleep = hooks.sleep ?? realSleep;
  let waited = 0;
  for (let n = 1; ; n++) {
    try {
      return { ok: true, value: await attempt(n), attempts: n };
    } catch (thrown) {
      const error = asKeepaliveError(thrown);
      if (!error.retryable || n >= policy.maxAttempts) return { ok: false, error, attempts: n };
      const delay = backoffDelay(n + 1, policy, error.retryAfterMs, hooks.random);
      const budget = policy.maxTotalWaitMs ?? Infinity;
      if (waited + delay > budget) {
        const stopped = `${error.message} Not retried again: the waits between attempts would pass ${budget / 1e3} s in all.`;
        return {
          ok: false,
          error: new KeepaliveError(error.kind, stopped, error.fix),
          attempts: n
        };
      }
      waited += delay;
      hooks.onRetry?.(error, n, delay);
      await sleep(delay);
    }
  }
}
function retryLine(error, attempt, maxAttempts, delayMs) {
  const asked = error.retryAfterMs !== void 0 && delayMs === Math.round(error.retryAfterMs) ? ", as the server asked (Retry-After)" : "";
  return `Attempt ${attempt} of ${maxAttempts} failed: ${error.message} Retrying in ${(delayMs / 1e3).toFixed(1)} s${asked}.`;
}

// src/keepalive.ts
async function fixedNonce(id) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(id));
  return btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
async function keepAlive(connection, options) {
  const { database, source } = connection;
  const report = { database, source, attempts: 0 };
  try {
    const client = await options.open(connection, options.timeoutMs);
    const keys = keysFor(options.keyPrefix);
    const nonce = options.runNonce ? await fixedNonce(`${options.runNonce}@${database}`) : crypto.randomUUID();
    let latencyMs = 0;
    const result = await withRetry(
      async () => {
        const started = performance.now();
        const outcome = await runMode(client, {
          mode: options.mode,
          keys,
          context: options.context,
          now: /* @__PURE__ */ new Date(),
          nonce,
          historySize: options.historySize,
          historyEntries: options.historyEntries ?? false,
          target: connection
        });
        latencyMs = Math.round(performance.now() - started);
        return outcome;
      },
      { maxAttempts: options.maxAttempts, ...DEFAULT_BACKOFF },
      {
        onRetry: (error, attempt, delayMs) => options.onRetry?.(database, error, attempt, delayMs)
      }
    );
    report.attempts = result.attempts;
    if (!result.ok) throw result.error;
    report.outcome = result.value;
    report.latencyMs = latencyMs;
    checkFreshness(result.value, options.maxAgeHours, /* @__PURE__ */ new Date());
    checkMissedRuns(result.value, options.maxMissedRuns);
  } catch (thrown) {
    report.error = asKeepaliveError(thrown);
  }
  return report;
}
async function keepAliveAll(connections, options) {
  return atMost(connections, options.concurrency, (connection) => keepAlive(connection, options));
}
function runFailure(reports, failOn) {
  const failed = reports.filter((r) => r.error !== void 0);
  if (failed.length === 0) return void 0;
  if (reports.length === 1) return failed[0]?.error;
  if (failOn === "all" && failed.length < reports.length) return void 0;
  const first = failed[0]?.error;
  const list2 = failed.map((r) => `${r.database} (${r.error?.message ?? ""})`).join("; ");
  return new KeepaliveError(
    first?.kind ?? "command",
    `${failed.length} of ${reports.length} databases failed: ${list2}`,
    failed.length === 1 && first ? first.fix : "see the fix for each database in the step summary."
  );
}
async function keepAliveRun(settings, shell) {
  const databases = await keepAliveAll(settings.connections, {
    ...settings,
    historyEntries: shell.historyEntries,
    context: runContext(shell.env),
    open: shell.open,
    runNonce: shell.runNonce,
    onRetry: (database, error, attempt, delayMs) => {
      shell.onRetry(database, retryLine(error, attempt, settings.maxAttempts, delayMs));
    }
  });
  for (const db of databases) scrub(db.error);
  return { databases, failure: scrub(runFailure(databases, settings.failOn)) };
}

// src/transport/exchange.ts
var BodyTooLarge = class extends Error {
  name = "BodyTooLarge";
};

// src/transport/body.ts
async function readBody(stream, maxBytes, signal) {
  if (!stream) return "";
  const reader = stream.getReader();
  const aborted = new Promise((_, reject) => {
    const stop = () => {
      reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    };
    if (signal?.aborted) stop();
    else signal?.addEventListener("abort", stop, { once: true });
  });
  aborted.catch(() => void 0);
  const chunks = [];
  let size = 0;
  try {
    for (; ; ) {
      const read = await Promise.race([reader.read(), aborted]);
      if (read.done) break;
      const value = read.value;
      size += value.byteLength;
      if (size > maxBytes) throw new BodyTooLarge();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => void 0);
    throw error;
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(whole);
}

// src/transport/fetch.ts
async function fetchPost(url, headers, body, { signal, maxBytes }) {
  const response = await fetch(url, { method: "POST", headers, body, signal, redirect: "manual" });
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => void 0);
    throw new BodyTooLarge();
  }
  return {
    status: response.status,
    statusText: response.statusText,
    header: (name) => response.headers.get(name),
    body: await readBody(response.body, maxBytes, signal)
  };
}

// src/transport/rest-errors.ts
var MAX_RETRY_AFTER_MS = 3e4;
function tooLong(retryAfterMs) {
  if (retryAfterMs === void 0 || retryAfterMs <= MAX_RETRY_AFTER_MS) return "";
  const asked = Math.round(retryAfterMs / 1e3);
  return `; not retried: it asked to wait ${asked} s (Retry-After), more than the ${MAX_RETRY_AFTER_MS / 1e3} s a run waits`;
}
function byReason(error, target) {
  if (/^NOPERM\b/.test(error)) return permissionDenied(error, target);
  if (/^OOM\b/.test(error)) return outOfMemory(error, target.database);
  if (/^CROSSSLOT\b/.test(error)) return crossSlot(error, target.database);
  return void 0;
}
function httpFailure(status2, statusText, bodyError, target, retryAfterMs) {
  const { database } = target;
  const said = bodyError !== void 0 ? `: ${outside(bodyError)}` : "";
  const detail = `HTTP ${status2}${statusText ? ` ${outside(statusText, 60)}` : ""}${said}`;
  if (status2 === 401 || status2 === 403) return tokenRejected(detail, target);
  const refusal = bodyError === void 0 ? void 0 : byReason(bodyError, target);
  if (refusal) return refusal;
  const wait = tooLong(retryAfterMs);
  if (status2 === 429 || bodyError !== void 0 && /limit exceeded/i.test(bodyError)) {
    const waitable = status2 === 429 && wait === "";
    return new KeepaliveError(
      "rate-limit",
      `${database} is rate limiting requests (${detail}${wait}).`,
      waitable ? "transient: the action waits and retries; if it persists, check the usage limits of the plan in the Upstash console." : "a plan limit was reached: check the usage of the database in the Upstash console; the keep-alive needs only a few commands a day.",
      { retryable: waitable, retryAfterMs }
    );
  }
  if (status2 >= 500) {
    return new KeepaliveError(
      "server",
      `${database} answered with a server error (${detail}${wait}).`,
      wait === "" ? "transient on the provider side: the action retries; if it persists, check the Upstash status page." : "the provider asks for a long pause: the next scheduled run tries again; if it persists, check the Upstash status page.",
      { retryable: wait === "", retryAfterMs }
    );
  }
  if (status2 >= 300 && status2 < 400) {
    return new KeepaliveError(
      "http",
      `${database} answered with a redirect (${detail}).`,
      "use the exact REST URL from the Upstash console (https://<name>.upstash.io), not one that redirects."
    );
  }
  if (status2 === 400 && bodyError !== void 0) {
    return new KeepaliveError(
      "command",
      `The database refused the request (${detail}).`,
      `check ${setting("url")} points at an Upstash REST endpoint and that ${setting("key-prefix")} is not used by other data.`
    );
  }
  return new KeepaliveError(
    "http",
    `${database} answered with an unexpected status (${detail}).`,
    status2 === 404 || status2 === 405 ? `${setting("url")} must be the REST base URL (https://<name>.upstash.io) with no extra path.` : `check ${setting("url")} is the REST URL of the database from the Upstash console.`
  );
}
function unexpectedResponse(database, what) {
  return new KeepaliveError(
    "protocol",
    `Unexpected response from ${database}: ${what}, not the JSON of Upstash's REST API.`,
    `${setting("url")} must be the REST URL of the database (https://<name>.upstash.io); a proxy, captive portal or web page answered instead.`
  );
}

// src/transport/network.ts
function timedOut(database, timeoutMs, cause) {
  return new KeepaliveError(
    "timeout",
    `No complete answer from ${database} within ${timeoutMs / 1e3} s (${setting("timeout-seconds")}).`,
    `check the database is not archived or paused in the Upstash console and that the URL is right; raise ${setting("timeout-seconds")} only if the network to it is known to be slow.`,
    { retryable: true, cause }
  );
}
var TLS_CODES = /* @__PURE__ */ new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "EPROTO"
]);
function isTlsCode(code) {
  return TLS_CODES.has(code) || code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_") || code.includes("CERT");
}
var RETRYABLE_NETWORK_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT"
]);
function errorCode(error) {
  for (let e = error, depth = 0; e instanceof Object && depth < 5; depth++) {
    const code = e.code;
    if (typeof code === "string") return code;
    e = e.cause;
  }
  return void 0;
}
function isAbort(error) {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}
function transportFailure(error, database, timeoutMs, viaTcp = false) {
  if (error instanceof KeepaliveError) return error;
  if (isAbort(error)) return timedOut(database, timeoutMs, error);
  const code = errorCode(error) ?? "unknown";
  if (code === "ETIMEDOUT") return timedOut(database, timeoutMs, error);
  if (error instanceof Error && error.cause instanceof Error && error.cause.message === "bad port") {
    return new KeepaliveError(
      "input",
      `The port of ${database} is one that fetch refuses to connect to (a "bad port" of the Fetch standard).`,
      "use the REST URL exactly as the Upstash console shows it; a local endpoint needs another port.",
      { cause: error }
    );
  }
  if (code === "ECONNREFUSED") {
    return new KeepaliveError(
      "refused",
      `Connection refused by ${database}: nothing accepts connections at that address and port.`,
      "check the host and port in the URL; for Upstash REST it is https://<name>.upstash.io, for TCP rediss://\u2026:6379.",
      { retryable: true, cause: error }
    );
  }
  if (code === "ENOTFOUND") {
    return new KeepaliveError(
      "dns",
      `Host ${database} was not found (DNS lookup failed).`,
      `check ${setting("url")} for a typo; if the database was deleted, its host name no longer exists: create a new one and update the secrets.`,
      { cause: error }
    );
  }
  if (isTlsCode(code)) {
    return new KeepaliveError(
      "tls",
      `TLS/certificate failure talking to ${database} (${outside(code, 80)}).`,
      `check ${setting("url")} is the database endpoint and not a proxy, and that its port speaks TLS; a private CA must be trusted via NODE_EXTRA_CA_CERTS, never by disabling verification.`,
      { cause: error }
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new KeepaliveError(
    "network",
    `Network failure talking to ${database} (${outside(code === "unknown" ? detail : code)}).`,
    viaTcp ? "usually transient; if it persists, check the runner can reach the database host." : "usually transient; if it persists, check the runner can reach the database host, and that the port is an HTTPS one (a Redis port, 6379, needs a redis:// or rediss:// URL).",
    { retryable: RETRYABLE_NETWORK_CODES.has(code) || code === "unknown", cause: error }
  );
}

// src/transport/encoding.ts
var NotBase64 = class extends Error {
  name = "NotBase64";
};
var decoder = new TextDecoder();
var NodeBuffer = globalThis.Buffer;
var BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
function fromBase64(value) {
  if (NodeBuffer) {
    if (!BASE64.test(value)) throw new NotBase64();
    return NodeBuffer.from(value, "base64").toString();
  }
  let binary;
  try {
    binary = atob(value);
  } catch {
    throw new NotBase64();
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return decoder.decode(bytes);
}
function decode(value) {
  if (typeof value === "string") return value === "OK" ? value : fromBase64(value);
  if (Array.isArray(value)) return value.map(decode);
  return value;
}
function decodeEntry(entry) {
  return entry.error !== void 0 ? { error: entry.error } : { result: decode(entry.result) };
}

// src/transport/index.ts
var CountedRequester = class {
  requests = 0;
  readYourWrites = false;
};

// src/transport/rest.ts
var RestTransport = class extends CountedRequester {
  options;
  constructor(options, exchange) {
    super();
    this.options = { ...options, exchange };
  }
  async request(req) {
    const { url, token, database, timeoutMs } = this.options;
    const target = [url, ...req.path ?? []].join("/");
    const signal = AbortSignal.timeout(timeoutMs);
    this.requests += 1;
    let response;
    try {
      const headers = {
        Authorization: `Bearer ${token}`,
        "Content-Type": "application/json",
        "Upstash-Encoding": "base64"
      };
      const body2 = JSON.stringify(req.body);
      response = await this.options.exchange(target, headers, body2, {
        signal,
        maxBytes: CAPS.replyBytes
      });
    } catch (error) {
      if (error instanceof BodyTooLarge) throw tooLarge(database);
      throw transportFailure(error, database, timeoutMs);
    }
    const text = response.body;
    const shape = tooComplex(text);
    if (shape) throw unexpectedResponse(database, shape);
    const body = parseJson(text);
    const isArray = Array.isArray(req.path) && req.path.length > 0;
    if (response.status < 200 || response.status > 299) {
      const bodyError = isEntry(body) && typeof body.error === "string" ? body.error : void 0;
      throw httpFailure(
        response.status,
        response.statusText,
        bodyError,
        this.options,
        retryAfter(response.header("retry-after"))
      );
    }
    if (body === void 0) {
      throw unexpectedResponse(database, describeNonJson(response, text));
    }
    if (isArray && (!Array.isArray(body) || !body.every(isEntry))) {
      throw unexpectedResponse(database, "JSON that is not an array of {result|error} entries");
    }
    if (!isArray && !isEntry(body)) {
      throw unexpectedResponse(database, "JSON without a result or error field");
    }
    try {
      const decoded = Array.isArray(body) ? body.map(decodeEntry) : decodeEntry(body);
      return decoded;
    } catch (error) {
      if (!(error instanceof NotBase64)) throw error;
      throw unexpectedResponse(database, "a string reply that is not base64 (Upstash-Encoding)");
    }
  }
};
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function isEntry(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return "result" in value || typeof value.error === "string" && !("result" in value);
}
function tooLarge(database) {
  return new ReplyTooLarge(
    "protocol",
    `The answer of ${database} is larger than ${CAPS.replyBytes / 1024 / 1024} MiB: not a reply of the keep-alive's commands; it was not read further.`,
    "check the URL is the REST URL of the database, and that nothing else stores huge values under the key prefix."
  );
}
var bodyStart = (text) => outside(text.trim().slice(0, 60).replace(/\s+/g, " "), 60);
function describeNonJson(response, text) {
  const type = outside(response.header("content-type")?.split(";")[0] ?? "no content type", 60);
  const start = bodyStart(text);
  if (start === "") return `HTTP ${response.status} with an empty body (${type})`;
  return `HTTP ${response.status} ${type} beginning "${start}"`;
}
var MAX_ELEMENTS = 1e4;
var MAX_DEPTH = 16;
function tooComplex(text, maxElements = MAX_ELEMENTS) {
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
    if (c === 44 || c === 91 || c === 123) elements++;
  }
  if (deepest > MAX_DEPTH) return `JSON nested ${deepest} levels deep`;
  if (elements > maxElements) return `JSON of more than ${maxElements} elements`;
  return void 0;
}
function retryAfter(header, now = Date.now()) {
  if (header === null || header.length > 64) return void 0;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1e3;
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}

// src/transport/web.ts
var openWebTransport = (connection, timeoutMs) => {
  if (connection.kind !== "rest") {
    throw new KeepaliveError(
      "input",
      `${connection.database} is a redis:// URL: the library and the route speak REST only.`,
      "give the REST URL of the database (https://<name>.upstash.io) and its REST token."
    );
  }
  return Promise.resolve(new RestTransport({ ...connection, timeoutMs }, fetchPost));
};

// src/library/run.ts
async function runLibrary(options, mode, shell, read = {}) {
  useSurface("library");
  const env = read.env ?? environment(options?.env);
  const { runNonce } = read;
  const { settings, release } = settingsOf(options, env, mode);
  try {
    const { databases, failure } = await keepAliveRun(settings, {
      env: { ...env, GITHUB_EVENT_NAME: env.GITHUB_EVENT_NAME || shell },
      onRetry: () => void 0,
      open: openWebTransport,
      runNonce,
      // The result holds each history's entries, as the command line's --json does.
      historyEntries: true
    });
    return runResult(settings.mode, databases, failure);
  } finally {
    release();
  }
}

export {
  __export,
  rememberSecrets,
  scrub,
  outside,
  KeepaliveError,
  refusedResult,
  BodyTooLarge,
  readBody,
  environment,
  runLibrary
};
