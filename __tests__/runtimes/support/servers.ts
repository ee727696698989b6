// A runtime started as its own process on a loopback port: spawned, waited for until it answers
// HTTP, stopped (SIGTERM, then SIGKILL) even when a test failed. Its output is kept for the
// failure message.

import { spawn, type ChildProcess } from 'node:child_process';
import { baseEnv } from './paths.ts';

export interface Server {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Milliseconds from the spawn to the first HTTP answer. */
  startMs: number;
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  cwd: string;
  env: Record<string, string>;
  port: number;
  /** Waited for: any HTTP answer on this path means the server is up. */
  probe?: string;
  timeoutMs?: number;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

export async function startServer(
  command: string,
  args: string[],
  options: ServerOptions,
): Promise<Server> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...baseEnv(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const origin = `http://127.0.0.1:${options.port}`;
  const stop = stopper(child);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    try {
      const response = await fetch(`${origin}${options.probe ?? '/'}`, {
        signal: AbortSignal.timeout(2_000),
      });
      await response.arrayBuffer();
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        const why = child.exitCode !== null ? `exited with ${child.exitCode}` : 'did not answer';
        throw new Error(`${command} ${args.join(' ')} ${why}:\n${out}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    origin,
    startMs: Math.round(performance.now() - started),
    output: () => out,
    stop,
  };
}

/** Runs a command to its end; rejects with its output when it fails. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...baseEnv(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')}: ${code ?? signal}\n${out}`));
    });
  });
}
