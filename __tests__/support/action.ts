// Runs the action the way the runner does: inputs as INPUT_* variables, outputs and summary
// through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist/index.js');

export type Inputs = Record<string, string>;

export interface ActionRun {
  exitCode: number;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
  /** Everything the run printed or wrote, for secret scans. */
  everything: string;
}

/** The environment variable the runner uses for an input name. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** A plausible runner environment, as on a scheduled run. */
export const RUNNER_ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'octo-org/keepalive-demo',
  GITHUB_WORKFLOW: 'Keep Upstash alive',
  GITHUB_RUN_ID: '1234567890',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_ACTOR: 'octocat',
  GITHUB_EVENT_NAME: 'schedule',
  RUNNER_OS: 'Linux',
};

/** A schedule event's payload as the runner writes it: the repository, last pushed a day ago. */
export function eventPayload(pushedAt = new Date(Date.now() - 86_400_000), isPrivate = false) {
  return {
    schedule: '17 3 * * *',
    repository: {
      full_name: RUNNER_ENV.GITHUB_REPOSITORY,
      private: isPrivate,
      pushed_at: pushedAt.toISOString(),
    },
    workflow: '.github/workflows/keepalive.yml',
  };
}

/** Parses the GITHUB_OUTPUT file format: name<<DELIMITER / value / DELIMITER. */
function parseOutputFile(content: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name ?? ''] = value.join('\n');
  }
  return outputs;
}

/**
 * The runner's files for one run. In process they stay at one path, emptied before each run:
 * @actions/core's summary keeps the first path it wrote to, as a runner process (one step) may.
 */
let inProcessDir: string | undefined;

function runnerFiles(inProcess = false) {
  const dir = inProcess
    ? (inProcessDir ??= mkdtempSync(path.join(tmpdir(), 'keepalive-in-process-')))
    : mkdtempSync(path.join(tmpdir(), 'keepalive-run-'));
  const output = path.join(dir, 'output');
  const summary = path.join(dir, 'summary');
  const event = path.join(dir, 'event.json');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  writeFileSync(event, JSON.stringify(eventPayload()));
  return {
    env: {
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_EVENT_PATH: event,
      RUNNER_TEMP: dir,
    },
    /** Reads what the run wrote, removes the files, and assembles the ActionRun. */
    finish(exitCode: number, stdout: string, stderr: string): ActionRun {
      const raw = readFileSync(output, 'utf8');
      const written = readFileSync(summary, 'utf8');
      if (!inProcess) rmSync(dir, { recursive: true, force: true });
      return {
        exitCode,
        outputs: parseOutputFile(raw),
        summary: written,
        stdout,
        stderr,
        everything: [stdout, stderr, raw, written].join('\n'),
      };
    },
  };
}

/** Starts `node dist/index.js` exactly as the runner does, with a clean environment. */
export async function runDist(
  inputs: Inputs,
  env: Record<string, string> = {},
  entry: string = DIST,
): Promise<ActionRun> {
  const files = runnerFiles();
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...RUNNER_ENV,
    ...files.env,
    ...env,
  };
  for (const [name, value] of Object.entries(inputs)) childEnv[inputVariable(name)] = value;
  const child = spawn(process.execPath, [entry], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exitCode = await new Promise<number>((resolve) =>
    child.on('close', (code) => {
      resolve(code ?? -1);
    }),
  );
  return files.finish(exitCode, stdout, stderr);
}

/**
 * Runs `run()` in this process with the runner's conventions: for unit-level speed and for
 * fault injection. Stdout is captured; process.env and exitCode are restored afterwards.
 */
export async function runInProcess(
  inputs: Inputs,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const { run } = await import('../../src/action.ts');
  const files = runnerFiles(true);
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_')) Reflect.deleteProperty(process.env, key);
  }
  Object.assign(process.env, RUNNER_ENV, files.env, env);
  for (const [name, value] of Object.entries(inputs)) process.env[inputVariable(name)] = value;
  let stdout: string;
  try {
    stdout = await captureStdout(() => run(process.env));
  } finally {
    process.env = saved;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return files.finish(exitCode, stdout, '');
}

/** What `fn` writes to stdout, kept from the test's own output. */
async function captureStdout(fn: () => unknown): Promise<string> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  };
  try {
    await fn();
  } finally {
    process.stdout.write = write;
  }
  return out;
}
