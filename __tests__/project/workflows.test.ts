// The workflows and every workflow example in the documentation are valid for GitHub: parsed by
// GitHub's own workflow parser, and every `uses:` checked by the rule of the Actions runner, which
// @actions/workflow-parser does not apply (actions/runner, PipelineConstants.TryParseSelfRepository
// and PipelineTemplateConverter): `$/` must be followed by a path, and `{org}/{repo}[/path]@ref`.

import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { ROOT } from '../support/action.ts';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const actionYml = parseYaml(read('action.yml')) as { inputs: Record<string, unknown> };

/** The runner's rule for a step's `uses:`. */
export function runnerAccepts(uses: string): boolean {
  if (uses.startsWith('docker://') || uses.startsWith('./')) return true;
  if (uses.startsWith('$/')) {
    // TryParseSelfRepository: strips `$/` and leading slashes, refuses an empty path; nothing
    // looks for `@ref`, which would become part of the path.
    const rest = uses.slice(2).replace(/^\/+/, '');
    return rest !== '' && !rest.includes('@');
  }
  return /^[^/@\s]+\/[^/@\s]+(\/[^@\s]+)?@[^@\s/]+$/.test(uses);
}

describe("the runner's uses: rule", () => {
  it.each([
    ['$/./', true],
    ['$/.github/actions/x', true],
    ['OWNER/upstash-keepalive@v1', true],
    ['actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', true],
    ['owner/repo/.github/workflows/keepalive.yml@v1', true],
    ['$/', false],
    ['$//', false],
    ['$/x@v1', false],
    ['owner/repo', false],
  ])('%s → %s', (uses, accepted) => {
    expect(runnerAccepts(uses)).toBe(accepted);
  });
});

/** Every `uses:` value in a parsed workflow or fragment, in jobs and their steps. */
function usesIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(usesIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'uses' && typeof value === 'string' ? [value] : usesIn(value),
  );
}

async function parses(name: string, content: string): Promise<void> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  expect(
    result.context.errors.getErrors().map((e) => e.message),
    name,
  ).toEqual([]);
  expect(result.value).toBeDefined();
  if (!result.value) return;
  const template = await convertWorkflowTemplate(result.context, result.value);
  expect(template.errors ?? [], name).toEqual([]);
}

/** A documentation fragment made into a whole workflow: jobs get a trigger, steps a job. */
function asWorkflow(yaml: string): string {
  const doc = parseYaml(yaml) as unknown;
  if (Array.isArray(doc)) {
    const job = { 'runs-on': 'ubuntu-latest', steps: doc as unknown[] };
    return stringify({ on: 'push', jobs: { example: job } });
  }
  const record = doc as Record<string, unknown>;
  if ('on' in record) return yaml;
  return stringify({ on: 'push', ...record });
}

const workflowFiles = readdirSync(path.join(ROOT, '.github/workflows')).filter((f) =>
  /\.ya?ml$/.test(f),
);
const docs = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`)];
const examples = docs.flatMap((file) =>
  [...read(file).matchAll(/```ya?ml\n([\s\S]*?)```/g)].map(
    (m, i) => [`${file} example ${i + 1}`, m[1] ?? ''] as const,
  ),
);

describe('workflows and examples', () => {
  it.each(workflowFiles)('%s is valid for GitHub and the runner', async (file) => {
    const content = read(`.github/workflows/${file}`);
    await parses(file, content);
    for (const uses of usesIn(parseYaml(content))) expect(runnerAccepts(uses), uses).toBe(true);
  });

  it('the documentation has workflow examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)('%s is valid for GitHub and the runner', async (name, yaml) => {
    await parses(name, asWorkflow(yaml));
    for (const uses of usesIn(parseYaml(yaml))) expect(runnerAccepts(uses), uses).toBe(true);
    expect(yaml, 'outputs reach shells through env:, never inline').not.toMatch(
      /run:.*\$\{\{\s*steps\./,
    );
  });

  it('actions are pinned by full commit SHA, with the version in a comment', () => {
    for (const file of workflowFiles) {
      for (const uses of usesIn(parseYaml(read(`.github/workflows/${file}`)))) {
        if (uses.startsWith('$/') || uses.startsWith('./')) continue;
        expect(uses, `${file}: ${uses}`).toMatch(/@[0-9a-f]{40}$/);
        expect(read(`.github/workflows/${file}`)).toMatch(
          new RegExp(`${uses.replace(/[.$/]/g, '\\$&')} # v\\d+`),
        );
      }
    }
  });

  it('keepalive.yml runs on a schedule, from a button and as a reusable workflow', () => {
    const wf = parseYaml(read('.github/workflows/keepalive.yml')) as {
      on: {
        schedule: { cron: string }[];
        workflow_dispatch: { inputs: { mode: { type: string; options: string[] } } };
        workflow_call: {
          inputs: Record<string, unknown>;
          secrets: Record<string, { required: boolean }>;
        };
      };
      permissions: Record<string, string>;
      jobs: { keepalive: { steps: { uses?: string; with?: Record<string, string> }[] } };
    };
    expect(wf.on.schedule[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(wf.on.workflow_dispatch.inputs.mode).toMatchObject({
      type: 'choice',
      options: ['maintenance', 'ping', 'status'],
    });
    expect(wf.on.workflow_call.secrets.UPSTASH_KEEPALIVE_WEBHOOK_URL?.required).toBe(false);
    // What a calling job must grant: no write permission unless the caller opts in to one.
    expect(wf.permissions).toEqual({ contents: 'read', actions: 'read' });
    const step = wf.jobs.keepalive.steps.find((s) => s.uses?.startsWith('$/'));
    expect(step?.uses).toBe('$/./');
    const passed = Object.keys(step?.with ?? {});
    expect(passed).toEqual(expect.arrayContaining(['url', 'token', 'mode']));
    for (const name of [...passed, ...Object.keys(wf.on.workflow_call.inputs)]) {
      expect(actionYml.inputs[name], `${name} is an action input`).toBeDefined();
    }
  });

  it("the README's caller example grants exactly what keepalive.yml declares", () => {
    const caller = examples.find(([, yaml]) => yaml.includes('keepalive.yml@'))?.[1] ?? '';
    const job = (parseYaml(caller) as { jobs: Record<string, { permissions: unknown }> }).jobs;
    const declared = (
      parseYaml(read('.github/workflows/keepalive.yml')) as { permissions: unknown }
    ).permissions;
    expect(Object.values(job)[0]?.permissions).toEqual(declared);
  });
});
