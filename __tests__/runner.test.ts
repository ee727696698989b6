// src/runner.ts speaks the runner's protocol in place of @actions/core (for start-up time):
// here both run side by side and must write the same commands and the same outputs.

import * as core from '@actions/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as runner from '../src/runner.ts';
import { captureStdout, parseOutputFile } from './support/action.ts';

const tricky = [
  'plain',
  '',
  'multi\nline\r\nvalue',
  '100% done: a,b',
  'ünïcödé ✓ 🚀',
  '::error::not a command',
  'ends with newline\n',
];

const capture = captureStdout;

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  process.exitCode = 0;
});

describe('src/runner.ts writes what @actions/core writes', () => {
  it.each(tricky)('setSecret, info, warning, setFailed with %j', async (value) => {
    const theirs = await capture(() => {
      core.setSecret(value);
      core.info(value);
      core.warning(value);
      core.setFailed(value);
    });
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    const ours = await capture(() => {
      runner.setSecret(value);
      runner.info(value);
      runner.warning(value);
      runner.setFailed(value);
    });
    expect(process.exitCode).toBe(1);
    expect(ours).toBe(theirs);
  });

  it('setOutput to GITHUB_OUTPUT: the same outputs, read back by the same parser', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runner-'));
    try {
      const files = { theirs: path.join(dir, 'theirs'), ours: path.join(dir, 'ours') };
      writeFileSync(files.theirs, '');
      writeFileSync(files.ours, '');
      process.env.GITHUB_OUTPUT = files.theirs;
      tricky.forEach((value, i) => {
        core.setOutput(`out-${i}`, value);
      });
      tricky.forEach((value, i) => {
        runner.setOutput(`out-${i}`, value, { GITHUB_OUTPUT: files.ours });
      });
      const theirs = parseOutputFile(readFileSync(files.theirs, 'utf8'));
      const ours = parseOutputFile(readFileSync(files.ours, 'utf8'));
      expect(ours).toEqual(theirs);
      expect(ours['out-2']).toBe('multi\nline\r\nvalue');
      const shape = /^out-0<<ghadelimiter_[0-9a-f-]{36}\nplain\nghadelimiter_[0-9a-f-]{36}\n/;
      expect(readFileSync(files.ours, 'utf8')).toMatch(shape);
      expect(readFileSync(files.theirs, 'utf8')).toMatch(shape);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('setOutput without GITHUB_OUTPUT: the same ::set-output command', async () => {
    Reflect.deleteProperty(process.env, 'GITHUB_OUTPUT');
    for (const value of tricky) {
      const theirs = await capture(() => {
        core.setOutput('name:with,chars', value);
      });
      const ours = await capture(() => {
        runner.setOutput('name:with,chars', value, {});
      });
      expect(ours).toBe(theirs);
    }
  });

  it('getInput reads INPUT_* as the runner names them, trimmed', () => {
    const env = { 'INPUT_KEY-PREFIX': '  app \n', INPUT_MY_INPUT: 'x' };
    Object.assign(process.env, env);
    expect(runner.getInput('key-prefix', env)).toBe(core.getInput('key-prefix'));
    expect(runner.getInput('my input', env)).toBe(core.getInput('my input'));
    expect(runner.getInput('absent', env)).toBe('');
  });
});
