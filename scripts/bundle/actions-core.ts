// The @actions/core that goes into the bundle: the published package, with one import made lazy.
//
// Its lib/core.js imports its OIDC client (oidc-utils.js) when it loads, and with it
// @actions/http-client and a whole copy of undici: some 900 KiB of code that every run evaluated,
// about a third of the default scheduled run's time, for getIDToken(), which the action never
// calls. Here that one import moves into getIDToken, as a dynamic import: ncc then puts the OIDC
// client, http-client and undici in a chunk of their own, loaded only if getIDToken ever runs.
// Everything else — the runner's protocol: inputs, masks, outputs, annotations, the summary —
// is @actions/core's own code, unchanged. (Its package exports only ".", so the bundle cannot
// import core.js's neighbours instead; and writing that protocol ourselves is what we avoid.)
//
// The edit is made on exact text. When an upgrade changes that text, the build stops here with
// what to check, rather than bundle the eager import again without anyone noticing.

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const EAGER = "import { OidcClient } from './oidc-utils.js';\n";
const CALL = 'return yield OidcClient.getIDToken(aud);';
const LAZY =
  "const { OidcClient } = yield import('./oidc-utils.js');\n        return yield OidcClient.getIDToken(aud);";

function once(text: string, part: string): void {
  const count = text.split(part).length - 1;
  if (count !== 1) {
    throw new Error(
      `@actions/core's lib/core.js has ${count} copies of ${JSON.stringify(part)} where the bundle expects one: check how it loads oidc-utils.js now, then update scripts/bundle/actions-core.ts.`,
    );
  }
}

/** core.js with its OIDC client imported inside getIDToken; throws when the text is not as known. */
export function lazyOidc(coreJs: string): string {
  once(coreJs, EAGER);
  once(coreJs, CALL);
  const out = coreJs.replace(EAGER, '').replace(CALL, LAZY);
  const others = out.replace(LAZY, '').match(/\bOidcClient\b/g)?.length ?? 0;
  if (others > 0) {
    throw new Error(
      `@actions/core's lib/core.js uses OidcClient outside getIDToken (${others} times): the import cannot be made lazy; update scripts/bundle/actions-core.ts.`,
    );
  }
  return out;
}

/**
 * Copies @actions/core into `<work>/node_modules`, where the compiled sources in `<work>/src`
 * find it first, and makes its OIDC import lazy. Its package.json and licence come along: the
 * licence list reads them from there.
 */
export function bundledActionsCore(work: string): void {
  const target = path.join(work, 'node_modules', '@actions', 'core');
  cpSync(path.join('node_modules', '@actions', 'core'), target, { recursive: true });
  const core = path.join(target, 'lib', 'core.js');
  writeFileSync(core, lazyOidc(readFileSync(core, 'utf8')));
}
