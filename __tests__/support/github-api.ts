// A loopback server speaking the GitHub REST endpoints the action uses, as documented:
//   GET   /repos/{owner}/{repo}                                  → { full_name, pushed_at, … }
//   PUT   /repos/{owner}/{repo}/actions/workflows/{id}/enable    → 204
//   GET   /repos/{owner}/{repo}/actions/workflows/{id}/runs      → { total_count, workflow_runs }
//   GET   /repos/{owner}/{repo}/issues?labels=&state=            → [issue, …] (pull requests too)
//   POST  /repos/{owner}/{repo}/issues                           → 201 issue
//   POST  /repos/{owner}/{repo}/issues/{n}/comments              → 201 comment
//   PATCH /repos/{owner}/{repo}/issues/{n}                       → 200 issue
// Authorization: `token <t>` or `Bearer <t>`, else 401 "Bad credentials". A route can be denied
// with GitHub's 403 "Resource not accessible by integration", as for a token lacking a permission.
// Plus a webhook receiver that records what Slack or Discord would receive.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Issue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  state_reason?: string;
  comments: string[];
}

interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeGitHub {
  url: string;
  token: string;
  requests: ApiRequest[];
  pushedAt: string;
  issues: Issue[];
  runs: { id: number; conclusion: string | null }[];
  /** Route names answered with 403: 'enable', 'runs', 'issues', 'repo'. */
  deny: Set<string>;
  /** Route names never answered: the request hangs until the client gives up. */
  hang: Set<string>;
  /** When set, what the issue list answers instead of the issues (a misbehaving API). */
  issuesAnswer?: unknown;
  close(): Promise<void>;
}

function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: http.ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

export async function startFakeGitHub(
  token = 'ghs_fakeTokenForTests1234567890',
): Promise<FakeGitHub> {
  // The handler reads this very object, so tests change its state between runs.
  const fake: FakeGitHub = {
    token,
    requests: [],
    pushedAt: new Date().toISOString(),
    issues: [],
    runs: [],
    deny: new Set(),
    hang: new Set(),
    url: '',
    close: () => Promise.resolve(),
  };
  const { server, url } = await listen((req, res) => {
    void (async () => {
      const parsed = new URL(req.url ?? '/', 'http://api');
      const text = await readBody(req);
      const request: ApiRequest = {
        method: req.method ?? '',
        path: parsed.pathname,
        query: Object.fromEntries(parsed.searchParams),
        body: text ? (JSON.parse(text) as unknown) : undefined,
        authorization: req.headers.authorization,
      };
      fake.requests.push(request);
      if (![`token ${token}`, `Bearer ${token}`].includes(request.authorization ?? '')) {
        json(res, 401, {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
        });
        return;
      }
      const route = routeOf(request.method, request.path);
      if (!route) {
        json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
        return;
      }
      if (fake.hang.has(route.name)) return;
      if (fake.deny.has(route.name)) {
        json(res, 403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest',
        });
        return;
      }
      const [owner, repo] = route.params;
      const issueUrl = (n: number) => `https://github.com/${owner}/${repo}/issues/${n}`;
      const view = (i: Issue) => ({
        ...i,
        html_url: issueUrl(i.number),
        labels: i.labels.map((name) => ({ name })),
      });
      switch (route.name) {
        case 'repo':
          json(res, 200, {
            full_name: `${owner}/${repo}`,
            pushed_at: fake.pushedAt,
            archived: false,
          });
          return;
        case 'enable':
          res.writeHead(204).end();
          return;
        case 'runs':
          json(res, 200, {
            total_count: fake.runs.length,
            workflow_runs: fake.runs.map((r) => ({ ...r, status: 'completed' })),
          });
          return;
        case 'list-issues': {
          if (fake.issuesAnswer !== undefined) {
            json(res, 200, fake.issuesAnswer);
            return;
          }
          const label = request.query.labels;
          const state = request.query.state ?? 'open';
          const found = fake.issues.filter(
            (i) => (state === 'all' || i.state === state) && (!label || i.labels.includes(label)),
          );
          json(res, 200, found.map(view));
          return;
        }
        case 'create-issue': {
          const body = request.body as { title: string; body: string; labels?: string[] };
          const issue: Issue = {
            number: fake.issues.length + 1,
            title: body.title,
            body: body.body,
            labels: body.labels ?? [],
            state: 'open',
            comments: [],
          };
          fake.issues.push(issue);
          json(res, 201, view(issue));
          return;
        }
        case 'comment': {
          const issue = fake.issues.find((i) => i.number === Number(route.params[2]));
          if (!issue) {
            json(res, 404, { message: 'Not Found' });
            return;
          }
          issue.comments.push((request.body as { body: string }).body);
          json(res, 201, { id: issue.comments.length, body: issue.comments.at(-1) });
          return;
        }
        case 'update-issue': {
          const issue = fake.issues.find((i) => i.number === Number(route.params[2]));
          if (!issue) {
            json(res, 404, { message: 'Not Found' });
            return;
          }
          Object.assign(issue, request.body);
          json(res, 200, view(issue));
          return;
        }
      }
    })();
  });
  fake.url = url;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });
  return fake;
}

function routeOf(method: string, path: string): { name: string; params: string[] } | undefined {
  const routes: [string, string, RegExp][] = [
    ['GET', 'repo', /^\/repos\/([^/]+)\/([^/]+)$/],
    ['PUT', 'enable', /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/enable$/],
    ['GET', 'runs', /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/runs$/],
    ['GET', 'list-issues', /^\/repos\/([^/]+)\/([^/]+)\/issues$/],
    ['POST', 'create-issue', /^\/repos\/([^/]+)\/([^/]+)\/issues$/],
    ['POST', 'comment', /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/],
    ['PATCH', 'update-issue', /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/],
  ];
  for (const [m, name, pattern] of routes) {
    const match = pattern.exec(path);
    if (m === method && match) return { name, params: match.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}

export interface WebhookReceiver {
  url: string;
  messages: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  options: { hang?: boolean } = {},
): Promise<WebhookReceiver> {
  const messages: Record<string, unknown>[] = [];
  const { server, url } = await listen((req, res) => {
    void readBody(req).then((text) => {
      if (options.hang) return;
      messages.push(JSON.parse(text) as Record<string, unknown>);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
  });
  return {
    url: `${url}/services/T000/B000/webhookSecretPart123`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
