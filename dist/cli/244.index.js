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
        const { database } = this.connection;
        const client = this.client();
        // ioredis reports the socket's own error (ECONNREFUSED, ENOTFOUND, TLS…) as an event, and
        // rejects the pending promise with a generic "Connection is closed": keep the real cause.
        let socketError;
        client.on('error', (error) => {
            socketError ??= error;
        });
        let timer;
        const deadline = new Promise((_, reject) => {
            timer = setTimeout(() => {
                reject((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .timedOut */ .iU)(database, this.timeoutMs, undefined));
            }, this.timeoutMs);
        });
        try {
            return (await Promise.race([
                this.exchange(client, req),
                deadline,
            ]));
        }
        catch (error) {
            const closed = error instanceof Error && /Connection is closed/i.test(error.message);
            throw classify(closed && socketError ? socketError : error, database, this.timeoutMs);
        }
        finally {
            clearTimeout(timer);
            client.disconnect();
        }
    }
    client() {
        const c = this.connection;
        const client = new ioredis__WEBPACK_IMPORTED_MODULE_0__.Redis({
            host: c.host,
            port: c.port,
            username: c.username,
            password: c.password,
            db: c.db,
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
        return client;
    }
    async exchange(client, req) {
        await client.connect();
        this.requests += 1;
        const path = req.path?.[0];
        if (path === 'pipeline' || path === 'multi-exec') {
            const commands = req.body;
            const batch = path === 'pipeline' ? client.pipeline() : client.multi();
            for (const [name, ...args] of commands)
                batch.call(String(name), ...args);
            const results = (await batch.exec()) ?? [];
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
}
function isReplyError(error) {
    return error instanceof Error && error.name === 'ReplyError';
}
/** Maps what ioredis throws onto the action's failure classes. */
function classify(error, database, timeoutMs) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeepaliveError */ .dg)
        return error;
    const message = error instanceof Error ? error.message : String(error);
    if (/^(WRONGPASS|NOAUTH)\b/.test(message) ||
        /invalid password|invalid username-password/i.test(message)) {
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .passwordRejected */ .SR)(message);
    }
    if (/\bNOPERM\b/.test(message))
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .readOnlyToken */ .aE)(message);
    // A transaction discarded while queuing: ioredis keeps the reason in previousErrors.
    const previous = error.previousErrors?.[0]?.message;
    if (previous !== undefined) {
        if (/\bNOPERM\b/.test(previous))
            return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .readOnlyToken */ .aE)(previous);
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeepaliveError */ .dg('command', `The database refused the transaction: ${previous}.`, 'the server must be Redis 6.2 or later (or compatible) and allow Lua scripts (EVAL).');
    }
    if (/Command timed out/i.test(message))
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .timedOut */ .iU)(database, timeoutMs, error);
    if (/Connection is closed|Stream isn't writeable/i.test(message)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeepaliveError */ .dg('network', `The connection to ${database} closed before the answer arrived.`, 'usually transient; if it persists, check the server accepts connections from the runner (TLS: use rediss:// for a TLS port).', { retryable: true, cause: error });
    }
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .transportFailure */ .qO)(error, database, timeoutMs);
}


/***/ })

};
