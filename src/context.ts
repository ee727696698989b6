// Who is running the keep-alive, read from the runner's environment. Stored by `maintenance`
// in the metadata hash so a person can tell which run last touched the database.

import { outside } from './safe-text.js';
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

export function runContext(env: NodeJS.ProcessEnv): RunContext {
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
