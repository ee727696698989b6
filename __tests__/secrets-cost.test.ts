// Regression test from an attack pass: what follows describes the defect as it was found.
// redact() finds fragments of known secrets by hashing every 12-character piece of each, then,
// for each piece of the text whose hash matches, walking EVERY indexed piece with that hash and
// extending it. Tokens that share a long run (as a hostile Developer API may list them: 2,000
// databases, the most a run keeps, each token 970 'A's and a number, all valid by list.ts) put
// about 2,000,000 pieces under one hash, so each position of a text holding that run costs
// millions of comparisons: ~2 ms per character here, 38 minutes for the 1 MiB error text a
// server may answer (outside() redacts the whole text before cutting it, as the stats' error
// text of the Developer API itself is, up to 3 times a run). Random tokens take 52 ms for 1 MB.

import { afterEach, describe, expect, it } from 'vitest';
import { forgetSecrets, redact, rememberSecrets } from '../src/secrets.ts';
import { outside } from '../src/safe-text.ts';

afterEach(() => {
  forgetSecrets();
});

describe('redact() with 2,000 tokens that share a long run', () => {
  const tokens = Array.from(
    { length: 2000 },
    (_, i) => `AXfullAccountToken${'A'.repeat(970)}${String(i).padStart(5, '0')}=`,
  );

  it('cleans a 4,000-character quote of that run in well under a second', () => {
    rememberSecrets(tokens);
    redact('warm-up: builds the index');
    const started = performance.now();
    const quoted = outside(`{"error":"${'A'.repeat(4000)}"}`, 200);
    const ms = performance.now() - started;
    expect(quoted).toContain('***');
    expect(ms).toBeLessThan(1000);
  });
});
