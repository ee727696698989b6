// npm run local-action: runs the action from src/ with @github/local-action, which reads the
// inputs from .env. Without that file it would end in a stack trace: say what to do instead.

import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

if (!statSync('.env', { throwIfNoEntry: false })?.isFile()) {
  process.stderr.write(
    'local-action: no .env here: cp .env.example .env, then put your database URL and token in it.\n',
  );
  process.exit(1);
}
const run = spawnSync('npx', ['-y', '@github/local-action@7.0.1', '.', 'src/action.ts', '.env'], {
  stdio: 'inherit',
});
if (run.error) {
  process.stderr.write(`local-action: could not start npx: ${run.error.message}\n`);
}
process.exit(run.status ?? 1);
