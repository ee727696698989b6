// A loopback server speaking the GitHub REST endpoints the action uses, as documented:
//   GET   /repos/{owner}/{repo}                                  → { full_name, pushed_at, … }
//   PUT   /repos/{owner}/{repo}/actions/workflows/{id}/enable    → 204
//   GET   /repos/{owner}/{repo}/actions/workflows/{id}/runs      → { total_count, workflow_runs }
//   GET   /repos/{owner}/{repo}/issues?labels=&state=            → [issue, …] (pull requests too)
// Both lists are paginated as GitHub does: `per_page` (default 30, at most 100) and `page`, with a
// Link header naming the first, prev, next and last pages; issues newest first, runs as given
// (the newest first, as GitHub lists them), filtered by `status` (a status or a conclusion).
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

interface WorkflowRun {
  id: number;
  conclusion: string | null;
  status?: string;
  event?: string;
  created_at?: string;
  run_started_at?: string;
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
  /** Whether the repository is private, as GET /repos answers it (false unless set). */
  private: unknown;
  /** The workflow's runs, newest first; status defaults to completed. */
  runs: WorkflowRun[];
  /** Route names answered with 403: 'enable', 'runs', 'issues', 'repo'. */
  deny: Set<string>;
  /** Route names never answered: the request hangs until the client gives up. */
  hang: Set<string>;
  /** When set, what the issue list answers instead of the issues (a misbehaving API). */
  issuesAnswer?: unknown;
  /** A page of the issue list answered with 502 (a list that cannot be read whole). */
  failIssuesPage?: number;
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

function json(
  res: http.ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

/** One page of `items` as GitHub serves it, with its Link header (none when one page holds all). */
function paginate<T>(
  items: T[],
  request: ApiRequest,
  base: string,
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(request.query.per_page ?? 30) || 30));
  const page = Math.max(1, Number(request.query.page ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const url = new URL(request.path, base);
    for (const [k, v] of Object.entries(request.query)) url.searchParams.set(k, v);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(page - 1, 'prev')] : []),
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ...(page > 1 ? [link(1, 'first')] : []),
  ];
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { Link: links.join(', ') } : {},
  };
}

export async function startFakeGitHub(
  token = 'ghs_fakeTokenForTests1234567890',
): Promise<FakeGitHub> {
  // The handler reads this very object, so tests change its state between runs.
  const fake: FakeGitHub = {
    token,
    requests: [],
    pushedAt: new Date().toISOString(),
    private: false,
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
            private: fake.private,
            archived: false,
          });
          return;
        case 'enable':
          res.writeHead(204).end();
          return;
        case 'runs': {
          const wanted = request.query.status;
          const runs = fake.runs
            .map((r) => ({ status: 'completed', ...r }))
            .filter((r) => !wanted || r.status === wanted || r.conclusion === wanted);
          const { page, headers } = paginate(runs, request, url);
          json(res, 200, { total_count: runs.length, workflow_runs: page }, headers);
          return;
        }
        case 'list-issues': {
          if (fake.issuesAnswer !== undefined) {
            json(res, 200, fake.issuesAnswer);
            return;
          }
          const label = request.query.labels;
          const state = request.query.state ?? 'open';
          const found = fake.issues
            .filter(
              (i) => (state === 'all' || i.state === state) && (!label || i.labels.includes(label)),
            )
            .sort((a, b) => b.number - a.number); // newest first, GitHub's default
          const { page, headers } = paginate(found.map(view), request, url);
          if (fake.failIssuesPage === Number(request.query.page ?? 1)) {
            json(res, 502, { message: 'Server Error' });
            return;
          }
          json(res, 200, page, headers);
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
