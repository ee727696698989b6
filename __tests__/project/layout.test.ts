// The shape of src/: no file over 200 lines, no function over 60, no import cycle. A justified
// exception says so in a comment at the top of its file: `layout: <why>`.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/action.ts';

const SRC = path.join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') ? [full] : [];
  });
}

const sources = files(SRC).map((file) => ({
  file,
  name: path.relative(SRC, file),
  text: readFileSync(file, 'utf8'),
}));
const excepted = (text: string) => /^\/\/ layout: /m.test(text.split('\n').slice(0, 10).join('\n'));

/** Every function-like node with its first and last line. */
function functions(name: string, text: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const label = (node as { name?: ts.Node }).name?.getText() ?? 'anonymous';
      found.push({ name: `${name}: ${label} (line ${start + 1})`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Relative imports of each file, static and dynamic, resolved to files of src/. */
function imports(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map(
    (m) => m[1] ?? '',
  );
  return specs.map((spec) => path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
}

describe('src/', () => {
  it('no file is over 200 lines', () => {
    const long = sources
      .filter((s) => !excepted(s.text) && s.text.trimEnd().split('\n').length > 200)
      .map((s) => `${s.name}: ${s.text.trimEnd().split('\n').length}`);
    expect(long).toEqual([]);
  });

  it('no function is over 60 lines', () => {
    const long = sources
      .filter((s) => !excepted(s.text))
      .flatMap((s) => functions(s.name, s.text))
      .filter((f) => f.lines > 60)
      .map((f) => `${f.name}: ${f.lines}`);
    expect(long).toEqual([]);
  });

  it('has no import cycle', () => {
    const graph = new Map(sources.map((s) => [s.file, imports(s.file, s.text)]));
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (trail.includes(file)) {
        cycles.push(
          [...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(SRC, f)).join(' → '),
        );
        return;
      }
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    };
    for (const file of graph.keys()) visit(file, []);
    expect([...new Set(cycles)]).toEqual([]);
  });
});
