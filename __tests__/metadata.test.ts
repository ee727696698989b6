// action.yml, the workflows and the README are part of the product: validated with GitHub's own
// parser and kept equal to each other and to the code.

import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULTS, parseSettings } from '../src/inputs.ts';
import { OUTPUT_NAMES } from '../src/report.ts';
import { VERSION } from '../src/version.ts';
import { ROOT } from './support/action.ts';

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const actionYml = parseYaml(read('action.yml')) as ActionYml;
const readme = read('README.md');
const workflowFiles = readdirSync(path.join(ROOT, '.github/workflows')).filter((f) =>
  /\.ya?ml$/.test(f),
);

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
});

describe('dist/', () => {
  it('index.js is under 1 MB; the TCP and GitHub clients are chunks loaded on demand', () => {
    const index = read('dist/index.js');
    expect(Buffer.byteLength(index)).toBeLessThan(1_000_000);
    const chunks = readdirSync(path.join(ROOT, 'dist')).filter((f) => /^\d+\.index\.js$/.test(f));
    for (const client of ['ioredis', 'octokit']) {
      expect(index).not.toContain(client);
      expect(chunks.some((c) => read(`dist/${c}`).includes(client))).toBe(true);
    }
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
});

describe('workflows', () => {
  it.each(workflowFiles)('%s is valid for GitHub', async (file) => {
    const content = read(`.github/workflows/${file}`);
    const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(result.value).toBeDefined();
    if (!result.value) return;
    const template = await convertWorkflowTemplate(result.context, result.value);
    expect(template.errors ?? []).toEqual([]);
    for (const job of template.jobs) {
      for (const step of 'steps' in job ? job.steps : []) {
        if ('uses' in step) {
          expect(step.uses.value).toMatch(/^(\$\/|\.\/.*|[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w.-]+)$/);
        }
      }
    }
  });

  it('keepalive.yml is usable on a schedule, from a button and as a reusable workflow', () => {
    const wf = parseYaml(read('.github/workflows/keepalive.yml')) as {
      on: {
        schedule: { cron: string }[];
        workflow_dispatch: { inputs: { mode: { type: string; options: string[] } } };
        workflow_call: {
          inputs: Record<string, unknown>;
          secrets: Record<string, { required: boolean }>;
        };
      };
      jobs: { keepalive: { steps: { uses?: string; with?: Record<string, string> }[] } };
    };
    expect(wf.on.schedule[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(wf.on.workflow_dispatch.inputs.mode).toMatchObject({
      type: 'choice',
      options: expect.arrayContaining(['ping', 'maintenance', 'status']) as unknown,
    });
    expect(Object.keys(wf.on.workflow_call.secrets).sort()).toEqual([
      'UPSTASH_KEEPALIVE_WEBHOOK_URL',
      'UPSTASH_REDIS_REST_TOKEN',
      'UPSTASH_REDIS_REST_URL',
    ]);
    expect(wf.on.workflow_call.secrets.UPSTASH_KEEPALIVE_WEBHOOK_URL?.required).toBe(false);
    const step = wf.jobs.keepalive.steps.find((s) => s.uses === '$/');
    expect(step, 'the job runs this repository’s action').toBeDefined();
    const passed = Object.keys(step?.with ?? {});
    expect(passed).toEqual(expect.arrayContaining(['url', 'token', 'mode', 'alert-issue']));
    for (const name of passed) {
      expect(actionYml.inputs[name], `with: ${name} is an action input`).toBeDefined();
    }
    for (const name of Object.keys(wf.on.workflow_call.inputs)) {
      expect(
        actionYml.inputs[name],
        `workflow_call input ${name} is an action input`,
      ).toBeDefined();
    }
  });
});
