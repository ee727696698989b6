// action.yml, the workflows and the README are part of the product: validated with GitHub's own
// parser and kept equal to each other and to the code.

import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULTS, parseSettings } from '../../src/inputs/index.ts';
import { OUTPUT_NAMES } from '../../src/report/outputs.ts';
import { VERSION } from '../../src/version.ts';
import { ROOT } from '../support/action.ts';
import { BRANDING_COLORS, BRANDING_ICONS, MAX_DESCRIPTION } from '../support/marketplace.ts';

interface ActionYml {
  name: string;
  description: string;
  author: string;
  branding: { icon: string; color: string };
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const actionYml = parseYaml(read('action.yml')) as ActionYml;
const readme = read('README.md');

/** Rows of the first Markdown table after `heading`, as arrays of trimmed cells. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, `README has a "${heading}" section`).toBeGreaterThan(-1);
  const lines = readme.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

describe('action.yml', () => {
  it('is valid for GitHub and runs dist/index.js on node24', () => {
    const result = parseAction(
      { name: 'action.yml', content: read('action.yml') },
      new NoOperationTraceWriter(),
    );
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(actionYml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares exactly the outputs the action writes', () => {
    expect(Object.keys(actionYml.outputs)).toEqual([...OUTPUT_NAMES]);
  });

  it('declares exactly the inputs the action reads, with the defaults it applies', () => {
    const read = new Set<string>();
    parseSettings((name) => {
      read.add(name);
      return name === 'url' ? 'https://x.upstash.io' : name === 'token' ? 'AXtoken12345' : '';
    });
    expect(Object.keys(actionYml.inputs).sort()).toEqual([...read].sort());
    expect(actionYml.inputs.mode?.default).toBe(DEFAULTS.mode);
    expect(actionYml.inputs['key-prefix']?.default).toBe(DEFAULTS.keyPrefix);
    expect(actionYml.inputs['timeout-seconds']?.default).toBe(String(DEFAULTS.timeoutSeconds));
    expect(actionYml.inputs['max-attempts']?.default).toBe(String(DEFAULTS.maxAttempts));
  });

  it('has the version of package.json', () => {
    expect(VERSION).toBe((JSON.parse(read('package.json')) as { version: string }).version);
  });

  it('meets the Marketplace rules: description, name, author, branding', () => {
    expect(actionYml.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    expect(actionYml.name.trim()).not.toBe('');
    expect(actionYml.author.trim()).not.toBe('');
    expect(BRANDING_ICONS).toContain(actionYml.branding.icon);
    expect(BRANDING_COLORS).toContain(actionYml.branding.color);
  });
});

describe('README', () => {
  it('inputs table equals action.yml', () => {
    const rows = tableAfter('## Inputs').map(([name = '', required, def = '', description]) => [
      unquote(name),
      { required: required === 'yes', default: unquote(def), description },
    ]);
    const expected = Object.entries(actionYml.inputs).map(([name, spec]) => [
      name,
      {
        required: spec.required ?? false,
        default: spec.default ?? '',
        description: spec.description,
      },
    ]);
    expect(rows).toEqual(expected);
  });

  it('outputs table equals action.yml', () => {
    const rows = tableAfter('## Outputs').map(([name = '', description]) => [
      unquote(name),
      description,
    ]);
    expect(rows).toEqual(Object.entries(actionYml.outputs).map(([n, s]) => [n, s.description]));
  });

  it('names the test command that .ci/run runs, and the demo', () => {
    expect(readme).toContain('npm ci && npm test');
    expect(readme).toContain('npm run demo');
    expect(read('.ci/run')).toMatch(/^npm test\b/m);
  });

  it('is for users: at most 250 lines', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(250);
  });

  it('states the Node version that package.json requires', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines;
    expect(engines.node).toBe('>=22');
    expect(read('docs/command-line.md')).toMatch(/Node 22 or later, the version `engines`/);
    for (const file of ['README.md', 'CONTRIBUTING.md', 'docs/command-line.md']) {
      expect(read(file), file).not.toMatch(/Node(\.js)? 20\b(?! reached| here)/);
    }
  });
});
