export const id = 37;
export const ids = [37];
export const modules = {

/***/ 2037:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubApi: () => (/* binding */ GitHubApi)
/* harmony export */ });
/* unused harmony export GitHubError */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2868);
// The GitHub REST calls the action makes for its own upkeep, through @actions/github. Loaded on
// demand (see upkeep/index.ts): a run that needs no GitHub call never loads this module.
// Every call shares the upkeep's one time budget and is never retried; failures become
// GitHubError, which the caller turns into a warning: upkeep never fails the keep-alive itself.


/** A failed GitHub call, with the permission that would have allowed it. */
class GitHubError extends Error {
    name = 'GitHubError';
    status;
    constructor(what, status, detail, permission) {
        const hint = status === 403 || status === 401
            ? ` The job's token lacks a permission: add \`permissions: ${permission}\` to the job (or to the workflow).`
            : '';
        const said = (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_1__/* .outside */ .qY)(detail, 300);
        super(`${what} failed (${status === undefined ? said : `HTTP ${status}: ${said}`}).${hint}`);
        this.status = status;
    }
}
class GitHubApi {
    octokit;
    repo;
    /** The upkeep's budget: aborts every call still running when it is spent. */
    signal;
    budgetMs;
    constructor(token, repo, apiUrl, budget) {
        this.octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl: apiUrl });
        this.repo = repo;
        this.signal = budget.signal;
        this.budgetMs = budget.ms;
    }
    async call(what, permission, route, params = {}) {
        try {
            const response = await this.octokit.request(route, {
                ...this.repo,
                ...params,
                request: { signal: this.signal },
            });
            return response.data;
        }
        catch (error) {
            // Octokit reports an aborted request as "HTTP 500": it is the budget running out.
            if (this.signal.aborted) {
                const spent = `no answer within the upkeep's ${this.budgetMs / 1000} s`;
                throw new GitHubError(what, undefined, spent, permission);
            }
            const status = error.status;
            const message = error instanceof Error ? error.message : String(error);
            throw new GitHubError(what, typeof status === 'number' ? status : undefined, message.split('\n')[0] ?? message, permission);
        }
    }
    /** When something was last pushed to the repository (any branch), and whether it is private. */
    async repository() {
        const data = await this.call('Reading the repository', 'contents: read', 'GET /repos/{owner}/{repo}');
        return { pushedAt: data.pushed_at, private: data.private };
    }
    async enableWorkflow(workflowFile) {
        await this.call(`Re-enabling workflow ${workflowFile}`, 'actions: write', 'PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable', { workflow_id: workflowFile });
    }
    /** Whether the last completed run of this workflow before the current one failed. */
    async previousRunFailed(workflowFile, currentRunId) {
        const data = await this.call(`Reading the runs of workflow ${workflowFile}`, 'actions: read', 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', { workflow_id: workflowFile, status: 'completed', per_page: 5 });
        const previous = (data.workflow_runs ?? []).find((run) => run.id !== currentRunId);
        return previous?.conclusion === 'failure';
    }
    /** The open issues with `label` (pull requests aside), in one request. */
    async openIssues(label) {
        const issues = await this.call('Looking for the alert issue', 'issues: read', 'GET /repos/{owner}/{repo}/issues', {
            labels: label,
            state: 'open',
            per_page: 100,
        });
        return issues
            .filter((i) => !i.pull_request)
            .map((i) => ({ number: i.number, url: i.html_url, body: i.body ?? '' }));
    }
    async openIssue(title, body, label) {
        const data = await this.call(`Opening the alert issue "${title}"`, 'issues: write', 'POST /repos/{owner}/{repo}/issues', { title, body, labels: [label] });
        return { number: data.number, url: data.html_url };
    }
    async comment(issue, body) {
        await this.call(`Commenting on issue #${issue}`, 'issues: write', 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: issue, body });
    }
    async closeIssue(issue) {
        await this.call(`Closing issue #${issue}`, 'issues: write', 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', { issue_number: issue, state: 'closed', state_reason: 'completed' });
    }
}


/***/ })

};
