// Secrets in what the run prints and sends: a server that echoes a token in part (less its
// trailing `=`, less its first character, a stretch of its middle) has that part masked wherever
// its text goes — the ::error line, the outputs, the summary, the alert issue, the webhook — and
// `redact` masks any long enough fragment of a secret, but not ordinary text around it.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forgetSecrets, redact, rememberSecrets } from '../src/secrets.ts';
import { runInProcess } from './support/action.ts';
import { useStack } from './support/fixtures.ts';
import {
  startFakeGitHub,
  startWebhookReceiver,
  type FakeGitHub,
  type WebhookReceiver,
} from './support/github-api.ts';

const stack = useStack();
let github: FakeGitHub;
let hook: WebhookReceiver;
beforeAll(async () => {
  github = await startFakeGitHub();
  hook = await startWebhookReceiver();
});
afterAll(async () => {
  await Promise.all([github.close(), hook.close()]);
});
afterEach(() => {
  github.issues.length = 0;
  hook.messages.length = 0;
  forgetSecrets();
});

/** Every run of 12 characters of `secret` (shorter ones occur in ordinary text: a run id). */
const pieces = (secret: string) =>
  Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));

describe('a token echoed in part by the server', () => {
  const token = () => stack.front.tokens.full;
  it.each([
    ['without its trailing =', (t: string) => t.slice(0, -1)],
    ['without its first character', (t: string) => t.slice(1)],
    ['a stretch of its middle', (t: string) => t.slice(6, 26)],
  ])('%s: masked in every place the error goes', async (_, part) => {
    const echoed = part(token());
    stack.front.intercept = (_req, res) => {
      res.writeHead(401).end(JSON.stringify({ error: `Unauthorized: ${echoed} is not valid` }));
      return true;
    };
    const run = await runInProcess(
      {
        url: stack.front.url,
        token: token(),
        'max-attempts': '1',
        'alert-issue': 'true',
        'github-token': github.token,
        'webhook-url': hook.url,
      },
      { GITHUB_API_URL: github.url },
    );
    expect(run.exitCode).toBe(1);
    const errorLine = run.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
    expect(errorLine).toMatch(/Unauthorized: \*\*\* is not valid/);
    expect(run.outputs.error).toMatch(/Unauthorized: \*\*\* is not valid/);
    expect(hook.messages).toHaveLength(1);
    expect(github.issues).toHaveLength(1);
    const places = {
      '::error': errorLine,
      'output error': run.outputs.error ?? '',
      'output results': run.outputs.results ?? '',
      summary: run.summary,
      'alert issue': JSON.stringify(github.issues),
      webhook: JSON.stringify(hook.messages),
      'the whole log': run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    };
    for (const [place, text] of Object.entries(places)) {
      for (const piece of pieces(token())) expect(text, place).not.toContain(piece);
    }
  });
});

describe('redact', () => {
  const SECRET = 'Xk29-pQwe-7Rty-Zm3n-Lp0s-Vb8c';

  it('masks any stretch of 12 characters or more of a secret, wherever it is in the text', () => {
    rememberSecrets([SECRET]);
    expect(redact(`a ${SECRET.slice(0, -1)} b`)).toBe('a *** b');
    expect(redact(`a ${SECRET.slice(3, 15)}.`)).toBe('a ***.');
    expect(redact(`${SECRET.slice(10)}${SECRET.slice(0, 12)}`)).toBe('***');
    // Shorter stretches are left: 11 characters match ordinary text (a run id) too often.
    expect(redact(`a ${SECRET.slice(3, 14)} b`)).toBe(`a ${SECRET.slice(3, 14)} b`);
  });

  it('masks stretches of two secrets that overlap as one', () => {
    const other = 'Zm3n-Lp0s-Vb8c-Qq11-Ww22-Ee33';
    rememberSecrets([SECRET, other]);
    expect(redact(`<${SECRET}-Qq11-Ww22>`)).toBe('<***>');
  });

  it('a short secret only whole; ordinary words around secrets are kept', () => {
    rememberSecrets(['pa55word', 'correct-horse-battery-staple']);
    expect(redact('a pa55word, a pa55wor')).toBe('a ***, a pa55wor');
    expect(redact('the horse and the battery were correct')).toBe(
      'the horse and the battery were correct',
    );
  });

  it("a URL's scheme and host alone are not masked: a database on the webhook's host keeps its name", () => {
    const url = 'https://hooks.example-company.com/services/T01/B02/abcdefSECRETpart';
    rememberSecrets([url, encodeURIComponent(url)]);
    expect(redact('hooks.example-company.com:6379 refused')).toBe(
      'hooks.example-company.com:6379 refused',
    );
    expect(redact(`posting to ${url} failed`)).toBe('posting to *** failed');
    expect(redact(`?u=${encodeURIComponent(url)}`)).toBe('?u=***');
    expect(redact('at /B02/abcdefSECRET')).toBe('at ***');
  });

  it('a thousand secrets and a text of 1 MB', () => {
    const secrets = Array.from(
      { length: 1000 },
      (_, i) => `AX${String(i).padStart(4, '0')}${SECRET}`,
    );
    rememberSecrets(secrets);
    const text = `${'x'.repeat(500_000)}${secrets[777]?.slice(1)}${'y'.repeat(500_000)}`;
    expect(redact(text)).toBe(`${'x'.repeat(500_000)}***${'y'.repeat(500_000)}`);
  });
});
