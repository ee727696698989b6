// Fails the run at once, with the fix, when the machine lacks what the tests need.
import { requireRedisServer } from './redis-server.ts';

export default function setup(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    throw new Error(
      `Tests run on Node 24, the runtime action.yml declares; this is Node ${process.versions.node}. Run them with 'npm test', which uses the node@24 devDependency.`,
    );
  }
  requireRedisServer();
}
