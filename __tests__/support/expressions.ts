// GitHub's expression language, evaluated by GitHub's own library (@actions/expressions): for
// tests that check what a workflow's `if:` and `${{ … }}` values come to, as the runner would.

import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';

/** Evaluates one expression (with or without its `${{ }}`) against plain JSON contexts. */
function evaluate(expression: string, contexts: Record<string, unknown>): data.ExpressionData {
  const source = expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const tokens = new Lexer(source).lex().tokens;
  const parsed = new Parser(tokens, Object.keys(contexts), []).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(parsed, context).evaluate();
}

/** A step's `if:`. Without a status function in it, the runner's implicit success() is true. */
export function condition(expression: string, contexts: Record<string, unknown>): boolean {
  return truthy(evaluate(expression, contexts));
}

/** A value of `env:` or `with:` as the runner sets it: each `${{ … }}` evaluated, as a string. */
function interpolate(value: string, contexts: Record<string, unknown>): string {
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, inner: string) =>
    evaluate(inner, contexts).coerceString(),
  );
}

/** Every value of an `env:` map interpolated. */
export function environment(
  env: Record<string, string> | undefined,
  contexts: Record<string, unknown>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([name, value]) => [name, interpolate(value, contexts)]),
  );
}
