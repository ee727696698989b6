// What each mode sends and how its replies are read. Every mode is ONE request:
//   ping         PING, via /pipeline
//   maintenance  one transaction (/multi-exec) holding one Lua script: check, write, read back
//   status       reads only, via /pipeline, so Upstash's read-only token is enough
// Every key lives under `<key-prefix>:`; nothing outside it is ever written or deleted.

import type { Requester } from '@upstash/redis';
import { KeepaliveError, type Target } from '../errors.js';
import { outside } from '../safe-text.js';
import { setting } from '../wording.js';
import { send } from './commands.js';
import { maintenance } from './maintenance.js';
import { resultOf } from './replies.js';
import { status } from './status.js';
import type { ModeInput, Outcome } from './types.js';

export { checkFreshness, checkMissedRuns } from './checks.js';
export { keysFor, type ModeInput, type Outcome } from './types.js';

/** Runs one mode through the client; throws a classified KeepaliveError on any problem. */
export async function runMode(client: Requester, input: ModeInput): Promise<Outcome> {
  switch (input.mode) {
    case 'ping':
      return ping(client, input.target);
    case 'maintenance':
      return maintenance(client, input);
    case 'status':
      return status(client, input);
  }
}

async function ping(client: Requester, target: Target): Promise<Outcome> {
  const [entry] = await send(client, 'pipeline', [['ping']]);
  const reply = resultOf(entry, 'PING', undefined, target);
  if (reply !== 'PONG') {
    throw new KeepaliveError(
      'protocol',
      `PING was answered with ${outside(reply, 100)} instead of PONG.`,
      `${setting('url')} must be the URL of a Redis database.`,
    );
  }
  return { mode: 'ping', reply };
}
