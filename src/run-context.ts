// Who is running the keep-alive, read from the runner's environment. Stored by `maintenance`
// in the metadata hash so a person can tell which run last touched the database.

import { outside } from './safe-text.js';
import type { Env } from './env.js';
import { VERSION } from './version.js';

export interface RunContext {
  repository: string;
  workflow: string;
  'run-id': string;
  'run-attempt': string;
  'run-url': string;
  sha: string;
  ref: string;
  actor: string;
  event: string;
  'action-version': string;
  'runner-os': string;
}

/** The fields of a RunContext, in the order they are written. */
export const RUN_CONTEXT_FIELDS: (keyof RunContext)[] = [
  'repository',
  'workflow',
  'run-id',
  'run-attempt',
  'run-url',
  'sha',
  'ref',
  'actor',
  'event',
  'action-version',
  'runner-os',
];

export function runContext(env: Env): RunContext {
  // Written into the database and shown in summaries: printable and bounded like any outside text.
  const get = (name: string) => outside(env[name]?.trim() ?? '', 200);
  const server = get('GITHUB_SERVER_URL') || 'https://github.com';
  const repository = get('GITHUB_REPOSITORY');
  const runId = get('GITHUB_RUN_ID');
  return {
    repository,
    workflow: get('GITHUB_WORKFLOW'),
    'run-id': runId,
    'run-attempt': get('GITHUB_RUN_ATTEMPT'),
    'run-url': repository && runId ? `${server}/${repository}/actions/runs/${runId}` : '',
    sha: get('GITHUB_SHA'),
    ref: get('GITHUB_REF'),
    actor: get('GITHUB_ACTOR'),
    event: get('GITHUB_EVENT_NAME'),
    'action-version': VERSION,
    'runner-os': get('RUNNER_OS'),
  };
}

/** Where this run stands, for the upkeep's GitHub calls and the links in its messages. */
export interface RunPlace {
  repository: string;
  runId: number | undefined;
  runUrl: string;
  event: string;
  /** The running workflow's file name (keepalive.yml), from GITHUB_WORKFLOW_REF. */
  workflowFile: string | undefined;
  apiUrl: string;
}

export function runPlace(env: Env): RunPlace {
  const context = runContext(env);
  const runId = Number(context['run-id']);
  // GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/keepalive.yml@refs/heads/main
  const ref = env.GITHUB_WORKFLOW_REF ?? '';
  return {
    repository: context.repository,
    runId: Number.isSafeInteger(runId) && runId > 0 ? runId : undefined,
    runUrl: context['run-url'],
    event: context.event,
    workflowFile: /\/\.github\/workflows\/([^/@]+)@/.exec(ref)?.[1],
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
  };
}
