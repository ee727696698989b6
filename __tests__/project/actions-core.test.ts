// The copy of @actions/core the bundle is built with (scripts/bundle/actions-core.ts): its OIDC
// client, and the @actions/http-client and undici it brings, load only when getIDToken runs;
// getIDToken still works; and the build stops when @actions/core's text is not the one known.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledActionsCore, lazyOidc } from '../../scripts/bundle/actions-core.ts';
import { ROOT } from '../support/action.ts';

const published = readFileSync(path.join(ROOT, 'node_modules/@actions/core/lib/core.js'), 'utf8');

describe('the bundled @actions/core', () => {
  let work: string;
  beforeAll(() => {
    // Inside node_modules, so that the copy finds @actions/http-client and the rest, as in lib/.
    work = mkdtempSync(path.join(ROOT, 'node_modules/.keepalive-core-'));
    bundledActionsCore(work);
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('imports its OIDC client only inside getIDToken', () => {
    const core = readFileSync(path.join(work, 'node_modules/@actions/core/lib/core.js'), 'utf8');
    expect(published).toMatch(/^import \{ OidcClient \} from '\.\/oidc-utils\.js';$/m);
    expect(core).not.toMatch(/^import .*oidc-utils/m);
    expect(core).toContain("const { OidcClient } = yield import('./oidc-utils.js');");
  });

  it('still gets an ID token: getIDToken loads the client when called', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.url ?? ''} ${req.headers.authorization ?? ''}`);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ value: 'an-id-token' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const script = path.join(work, 'id-token.mjs');
    const core = path.join(work, 'node_modules/@actions/core/lib/core.js');
    writeFileSync(
      script,
      `const core = await import(${JSON.stringify(core)});
const before = globalThis[Symbol.for('undici.globalDispatcher.1')] === undefined;
process.stdout.write(JSON.stringify({ before, token: await core.getIDToken('sts') }));`,
    );
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [script], {
        env: {
          PATH: process.env.PATH,
          ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${port}/token?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
        },
      });
      const lines = stdout.split('\n');
      // Loading core evaluated no undici; the token came through the OIDC client.
      expect(JSON.parse(lines.at(-1) ?? '')).toEqual({ before: true, token: 'an-id-token' });
      expect(lines).toContain('::add-mask::an-id-token');
      expect(seen).toEqual(['/token?api-version=2.0&audience=sts Bearer request-token']);
    } finally {
      server.close();
    }
  });

  it("stops the build when @actions/core's text is not the one known", () => {
    const moved = published.replace("from './oidc-utils.js';", "from './oidc/index.js';");
    expect(() => lazyOidc(moved)).toThrow(
      /has 0 copies of .*oidc-utils.*update scripts\/bundle\/actions-core\.ts/,
    );
    const renamed = published.replace('OidcClient.getIDToken(aud)', 'OidcClient.idToken(aud)');
    expect(() => lazyOidc(renamed)).toThrow(/has 0 copies of "return yield OidcClient/);
    const another = `${published}\nexport const client = OidcClient;\n`;
    expect(() => lazyOidc(another)).toThrow(/uses OidcClient outside getIDToken \(1 times\)/);
  });
});
