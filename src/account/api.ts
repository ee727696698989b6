// Upstash's Developer API (https://api.upstash.com/v2), read with the account's e-mail and key over
// HTTP Basic. The key can create and delete databases, so it is used for GET requests only, and
// never follows a redirect (it would go with it). Every answer is bounded in bytes and in JSON
// elements before it is parsed, and every attempt, retries and Retry-After waits included, ends
// within the time budget this part of the run has.

import type { AccountSettings, Settings } from '../inputs/index.js';
import { upkeepBudgetMs } from '../upkeep/index.js';
import { DEFAULT_BACKOFF, withRetry } from '../retry.js';
import { BodyTooLarge, type HttpAnswer } from '../transport/exchange.js';
import { get } from '../transport/http.js';
import { describeNonJson, tooComplex } from '../transport/rest.js';
import { apiHttpFailure, apiNetworkFailure, budgetSpent, notTheApi } from './api-errors.js';

/** What one kind of answer may weigh. */
export interface AnswerLimits {
  maxBytes: number;
  maxElements: number;
}

export interface ApiBudget {
  /** Date.now() past which nothing more is sent or waited for, and the budget's length. */
  deadline: number;
  ms: number;
  /** One attempt's limit (timeout-seconds). */
  timeoutMs: number;
  maxAttempts: number;
}

export class DeveloperApi {
  /** Requests sent, for the tests. */
  requests = 0;
  readonly host: string;
  private readonly base: string;
  private readonly authorization: string;
  private readonly budget: ApiBudget;

  constructor(settings: AccountSettings, budget: ApiBudget) {
    this.base = `${settings.apiUrl}/v2`;
    this.host = new URL(settings.apiUrl).host;
    const basic = Buffer.from(`${settings.email}:${settings.apiKey}`).toString('base64');
    this.authorization = `Basic ${basic}`;
    this.budget = budget;
  }

  /** The credentials as they travel (base64): a secret too, should a server echo the header. */
  get secrets(): string[] {
    return [this.authorization.slice('Basic '.length)];
  }

  /** Milliseconds left in the budget. */
  left(): number {
    return this.budget.deadline - Date.now();
  }

  /** GET `path` (below /v2) as parsed JSON; retried when another attempt can help, in budget. */
  async json(path: string, limits: AnswerLimits): Promise<unknown> {
    // Whole seconds: the message of a wait that does not fit says this figure.
    const waits = Math.max(0, Math.floor(this.left() / 1000) * 1000);
    const result = await withRetry(() => this.once(path, limits), {
      ...DEFAULT_BACKOFF,
      maxAttempts: this.budget.maxAttempts,
      maxTotalWaitMs: waits,
    });
    if (!result.ok) throw result.error;
    return result.value;
  }

  private async once(path: string, limits: AnswerLimits): Promise<unknown> {
    const ms = Math.min(this.budget.timeoutMs, this.left());
    if (ms <= 0) throw budgetSpent(this.host, this.budget.ms);
    this.requests += 1;
    let answer: HttpAnswer;
    try {
      answer = await get(
        `${this.base}${path}`,
        { Authorization: this.authorization, Accept: 'application/json' },
        { signal: AbortSignal.timeout(ms), maxBytes: limits.maxBytes },
      );
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        throw notTheApi(this.host, `an answer larger than ${limits.maxBytes / 2 ** 20} MiB`);
      }
      throw apiNetworkFailure(error, this.host, ms);
    }
    if (answer.status < 200 || answer.status > 299) throw apiHttpFailure(answer, this.host);
    const shape = tooComplex(answer.body, limits.maxElements);
    if (shape) throw notTheApi(this.host, shape);
    try {
      return JSON.parse(answer.body) as unknown;
    } catch {
      throw notTheApi(this.host, describeNonJson(answer, answer.body));
    }
  }
}

/** The Developer API with this part of the run's budget: the upkeep's, twice timeout-seconds. */
export function developerApi(settings: Settings & { account: AccountSettings }): DeveloperApi {
  const ms = upkeepBudgetMs(settings.timeoutMs);
  const { timeoutMs, maxAttempts } = settings;
  return new DeveloperApi(settings.account, {
    deadline: Date.now() + ms,
    ms,
    timeoutMs,
    maxAttempts,
  });
}
