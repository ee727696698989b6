// Fails the run at once, with the fix, when the machine lacks what the tests need.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    throw new Error(
      `Tests run on Node 24, the runtime action.yml declares; this is Node ${process.versions.node}. Run them with 'npm test', which uses the node@24 devDependency.`,
    );
  }
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      "redis-server is not installed: the tests run against a real Redis. Install it with 'apt-get update && apt-get install -y redis-server' (.ci/run does this).",
    );
  }
}
