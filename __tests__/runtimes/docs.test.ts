// The copy-paste code of docs/api-route.md and docs/library.md: each TypeScript example (and the
// wrangler.toml and vercel.json beside them) is, word for word, a file of apps/ that the other
// tests of this folder run in its runtime, marked in the Markdown by `<!-- file: … -->` on the
// line before it. Here each app is type-checked with its platform's own types against the
// installed package's .d.ts: Node with @types/node, the Worker with @cloudflare/workers-types
// and no Node types, Bun with bun's, Deno with `deno check`. Next.js's routes are type-checked
// by `next build` (next.test.ts).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/action.ts';
import { APPS, bin, INSTALLED } from './support/paths.ts';
import { run } from './support/servers.ts';

const DOCS = ['docs/api-route.md', 'docs/library.md'];
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Block {
  doc: string;
  language: string;
  code: string;
  file: string | undefined;
}

function blocks(doc: string): Block[] {
  const found = read(doc).matchAll(/(?:<!-- file: (\S+) -->\n+)?```(\w*)\n([\s\S]*?)```/g);
  return [...found].map((m) => ({ doc, file: m[1], language: m[2] ?? '', code: m[3] ?? '' }));
}

const all = DOCS.flatMap(blocks);

describe('the examples of the docs', () => {
  it('every TypeScript example is marked with the file of apps/ it is', () => {
    const typescript = all.filter((b) => b.language === 'ts' || b.language === 'typescript');
    expect(typescript.length).toBeGreaterThanOrEqual(9);
    const unmarked = typescript.filter((b) => !b.file).map((b) => `${b.doc}: ${b.code}`);
    expect(unmarked).toEqual([]);
  });

  it.each(all.filter((b) => b.file).map((b) => [b.file ?? '', b] as const))(
    '%s is the example, word for word',
    (file, block) => {
      expect(file.startsWith('__tests__/runtimes/apps/'), file).toBe(true);
      expect(block.code, `${block.doc} differs from ${file}`).toBe(read(file));
    },
  );
});

describe('type-checked with each platform’s types, against the installed .d.ts', () => {
  const tsc = (app: string) => run(bin('tsc'), ['-p', path.join(APPS, app)], { cwd: APPS });

  it('Node (@types/node): the server, its adapter, the library examples', async () => {
    await tsc('node');
  });

  it('Cloudflare Workers (@cloudflare/workers-types, no Node types)', async () => {
    await tsc('worker');
  });

  it('Bun (bun-types)', async () => {
    await tsc('bun');
  });

  it('Deno (deno check, offline)', async () => {
    await run(bin('deno'), ['check', 'main.ts', 'cron-trigger.ts'], {
      cwd: path.join(APPS, 'deno'),
    });
  });
});

describe("docs/library.md's options", () => {
  const declared = readFileSync(path.join(INSTALLED, 'dist/lib/index.d.ts'), 'utf8');
  const options = [
    ...(/interface KeepAliveOptions \{([\s\S]*?)\n\}/.exec(declared)?.[1] ?? '').matchAll(
      /^\t(\w+)\?:/gm,
    ),
  ].map((m) => m[1] ?? '');
  const section = /^## Options\n([\s\S]*?)^## /m.exec(read('docs/library.md'))?.[1] ?? '';
  const rows = new Map([...section.matchAll(/^\| `(\w+)` +\|(.*)$/gm)].map((m) => [m[1], m[2]]));
  const inputs = (parse(read('action.yml')) as { inputs: Record<string, { default: string }> })
    .inputs;
  const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

  it('the table has a row for each option keepAlive() takes, and no other', () => {
    expect(options.length).toBeGreaterThanOrEqual(10);
    expect([...rows.keys()].sort()).toEqual([...options].sort());
  });

  it("each default is the action's", () => {
    for (const name of options) {
      const fallback = inputs[kebab(name)]?.default ?? '';
      if (fallback !== '') expect(rows.get(name), name).toContain(`\`${fallback}\``);
    }
  });
});
