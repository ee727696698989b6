// The command line run in this process, as `upstash-keepalive …` would run it from a shell with
// only `env` set: its exit code and what it wrote to stdout and stderr.

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, in the order they were written. */
  all: string;
}

export async function runCommand(
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandRun> {
  const { cli } = await import('../../src/cli/index.ts');
  const saved = {
    env: process.env,
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  const run: CommandRun = { code: -1, stdout: '', stderr: '', all: '' };
  const capture = (stream: 'stdout' | 'stderr') =>
    ((chunk: string | Uint8Array) => {
      run[stream] += chunk.toString();
      run.all += chunk.toString();
      return true;
    }) as typeof process.stdout.write;
  // A clean environment, as a shell with only these variables would give.
  process.env = { PATH: saved.env.PATH ?? '', HOME: saved.env.HOME ?? '', ...env };
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  try {
    run.code = await cli(args, process.env);
  } finally {
    process.env = saved.env;
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
  return run;
}
