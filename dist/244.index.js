export const id = 244;
export const ids = [244];
export const modules = {

/***/ 7244:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TcpTransport: () => (/* binding */ TcpTransport)
/* harmony export */ });
/* harmony import */ var ioredis__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7796);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7030);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(452);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2868);
// The TCP transport (redis:// and rediss://), loaded only when such a URL is used so REST runs
// never pay for ioredis. Like the REST transport it plugs into @upstash/redis as a `Requester`:
// the SDK builds the pipeline or transaction, and this class sends it in one round trip.
//
// ioredis is configured to do nothing on its own: no reconnect loop, no offline queue, no
// ready-check round trip, no retries. Each request connects, sends, and disconnects, all under
// one deadline of timeout-seconds, so the process exits as soon as the run is over.




class TcpTransport {
    /** Round trips sent after connecting, counted for the tests. */
    requests = 0;
    readYourWrites = false;
    connection;
    timeoutMs;
    constructor(connection, timeoutMs) {
        this.connection = connection;
        this.timeoutMs = timeoutMs;
    }
    async request(req) {
        const client = this.client();
        const seen = watch(client);
        let timer;
        const deadline = new Promise((_, reject) => {
            timer = setTimeout(() => {
                reject(new Error('deadline'));
            }, this.timeoutMs);
        });
        try {
            return (await Promise.race([
                this.exchange(client, req),
                deadline,
            ]));
        }
        catch (error) {
            throw classify(error, seen, this.connection, this.timeoutMs);
        }
        finally {
            clearTimeout(timer);
            client.disconnect();
        }
    }
    client() {
        const c = this.connection;
        return new ioredis__WEBPACK_IMPORTED_MODULE_0__.Redis({
            host: c.host,
            port: c.port,
            username: c.username,
            password: c.password,
            // No `db`: ioredis would SELECT on its own and, when that fails, go on in database 0.
            // Certificates are verified against Node's CAs, which include NODE_EXTRA_CA_CERTS.
            // SNI carries host names only: none for an IP address (RFC 6066).
            tls: c.tls ? ((0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(c.host) ? {} : { servername: c.host }) : undefined,
            protocol: 2,
            lazyConnect: true,
            connectTimeout: this.timeoutMs,
            commandTimeout: this.timeoutMs,
            enableReadyCheck: false,
            enableOfflineQueue: false,
            maxRetriesPerRequest: 0,
            retryStrategy: () => null,
            reconnectOnError: () => false,
            autoResubscribe: false,
            autoResendUnfulfilledCommands: false,
            disableClientInfo: true,
            // After a failure the socket may never report "close": destroy it quickly rather than
            // keep the process alive for ioredis's default 2 s.
            disconnectTimeout: 100,
        });
    }
    async exchange(client, req) {
        await client.connect();
        this.requests += 1;
        await this.select(client);
        const path = req.path?.[0];
        if (path === 'pipeline' || path === 'multi-exec') {
            const commands = req.body;
            const batch = path === 'pipeline' ? client.pipeline() : client.multi();
            for (const [name, ...args] of commands)
                batch.call(String(name), ...args);
            const results = (await batch.exec()) ?? [];
            // A Redis error belongs to its command; any other (the connection closed) to the request.
            const lost = results.find(([error]) => error && !isReplyError(error))?.[0];
            if (lost)
                throw lost;
            return results.map(([error, result]) => (error ? { error: error.message } : { result }));
        }
        const [name, ...args] = req.body;
        try {
            return { result: await client.call(String(name), ...args) };
        }
        catch (error) {
            if (isReplyError(error))
                return { error: error.message };
            throw error;
        }
    }
    /** Database 0 needs nothing; another must be selected, or the run fails naming it. */
    async select(client) {
        const { db, database } = this.connection;
        if (db === 0)
            return;
        try {
            await client.select(db);
        }
        catch (error) {
            if (!isReplyError(error))
                throw error;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeepaliveError */ .dg('command', `${database}: database ${db} cannot be selected (${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_3__/* .outside */ .qY)(error.message)}); nothing was sent to it.`, 'use a database number the server has (the URL path /N; Upstash has only database 0) and a user allowed to SELECT it.');
        }
    }
}
function isReplyError(error) {
    return error instanceof Error && error.name === 'ReplyError';
}
/** Keeps what the socket shows, and cuts a reply that grows past CAPS.replyBytes. */
function watch(client) {
    const seen = {
        connected: false,
        first: '',
        bytes: 0,
        tooLarge: false,
        socketError: undefined,
        tcpUp: () => {
            const stream = client.stream;
            return stream !== undefined && !stream.connecting && !stream.destroyed;
        },
    };
    // ioredis reports the socket's own error (ECONNREFUSED, ENOTFOUND, TLS…) as an event, and
    // rejects the pending promise with a generic "Connection is closed": keep the real cause.
    client.on('error', (error) => {
        seen.socketError ??= error;
    });
    // Emitted once connected (after the TLS handshake, for rediss://), before any byte is read.
    client.once('connect', () => {
        seen.connected = true;
        const stream = client.stream;
        stream?.on('data', (chunk) => {
            if (seen.first.length < 64)
                seen.first += chunk.subarray(0, 64).toString('latin1');
            seen.bytes += chunk.length;
            if (seen.bytes > _safe_text_js__WEBPACK_IMPORTED_MODULE_3__/* .CAPS */ .qC.replyBytes && !seen.tooLarge) {
                seen.tooLarge = true;
                stream.destroy(); // disconnect() would only end our side and keep reading
            }
        });
    });
    return seen;
}
/** Maps what ioredis throws onto the action's failure classes. */
function classify(thrown, seen, connection, timeoutMs) {
    if (thrown instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeepaliveError */ .dg)
        return thrown;
    const { database } = connection;
    const closedEarly = thrown instanceof Error && /Connection is closed/i.test(thrown.message);
    // The socket's own error, when there is one, says why the connection closed.
    const error = closedEarly && seen.socketError ? seen.socketError : thrown;
    const closed = closedEarly && error === thrown;
    const message = error instanceof Error ? error.message : String(error);
    const known = byWhatTheServerSent(seen, connection, message);
    if (known)
        return known;
    if (/^(WRONGPASS|NOAUTH)\b/.test(message) || /invalid (username-)?password/i.test(message)) {
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .passwordRejected */ .SR)(message);
    }
    if (/\bNOPERM\b/.test(message))
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .permissionDenied */ .L5)(message, connection);
    // A transaction discarded while queuing: ioredis keeps the reason in previousErrors.
    const previous = error.previousErrors?.[0]?.message;
    if (previous !== undefined) {
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .commandFailure */ ._I)(previous, 'The transaction', undefined, connection);
    }
    const timeout = message === 'deadline' ||
        /Command timed out/i.test(message) ||
        (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(error) === 'ETIMEDOUT';
    if (timeout)
        return stalled(seen, connection, timeoutMs) ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .timedOut */ .iU)(database, timeoutMs, error);
    if (closed || /Stream isn't writeable/i.test(message)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeepaliveError */ .dg('network', `The connection to ${database} closed before the answer arrived.`, `usually transient; if it persists, check the server accepts connections from the runner${connection.tls ? '' : ' (a TLS port needs rediss://)'}.`, { retryable: true, cause: error });
    }
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .transportFailure */ .qO)(error, database, timeoutMs);
}
/** Failures that the server's first bytes, or the TLS layer, explain better than ioredis. */
function byWhatTheServerSent(seen, connection, message) {
    const { database } = connection;
    if (seen.tooLarge) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeepaliveError */ .dg('protocol', `The answer of ${database} is larger than ${_safe_text_js__WEBPACK_IMPORTED_MODULE_3__/* .CAPS */ .qC.replyBytes / 1024 / 1024} MiB: not a reply of the keep-alive's commands; the connection was cut.`, 'check the URL names the database, and that nothing else stores huge values under the key prefix.');
    }
    if (seen.first.startsWith('-DENIED')) {
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .protectedMode */ .Ao)(seen.first.slice(1).split('\r')[0] ?? '', database);
    }
    if (seen.first.startsWith('HTTP/') || /Unknown RESP type 72\b/.test(message)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeepaliveError */ .dg('input', `${database} speaks HTTP, not the Redis protocol: this port serves web requests.`, 'for Upstash over HTTP use the REST URL (https://<name>.upstash.io) with the REST token; a redis:// URL needs the TCP port (6379 on Upstash).');
    }
    const code = (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(seen.socketError) ?? '';
    const plainPort = code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
        /wrong version number|packet length too long/i.test(message);
    if (connection.tls && plainPort) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeepaliveError */ .dg('tls', `TLS handshake with ${database} failed: that port does not speak TLS (${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_3__/* .outside */ .qY)(code || message, 120)}).`, 'use rediss:// only for a TLS port (Upstash: 6379, TLS on); for a plain port use redis://.');
    }
    return undefined;
}
/** The deadline met after connecting over TCP but before the TLS handshake finished. */
function stalled(seen, connection, timeoutMs) {
    if (!connection.tls || seen.connected || !seen.tcpUp())
        return undefined;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeepaliveError */ .dg('tls', `Connected to ${connection.database}, but the TLS handshake did not complete within ${timeoutMs / 1000} s: that port does not seem to speak TLS.`, 'use rediss:// only for a TLS port (Upstash: 6379, TLS on); for a plain port use redis://.', { retryable: false });
}


/***/ })

};
