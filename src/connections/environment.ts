// The environment variables people already keep their credentials in, tried in order when no
// URL is given: Upstash's own, Vercel KV's, then the usual redis:// ones.

/** Environment fallbacks, in the order they are tried when input `url` is empty. */
export const ENV_FALLBACKS: readonly { url: string; token?: string }[] = [
  { url: 'UPSTASH_REDIS_REST_URL', token: 'UPSTASH_REDIS_REST_TOKEN' },
  { url: 'KV_REST_API_URL', token: 'KV_REST_API_TOKEN' },
  { url: 'UPSTASH_REDIS_URL' },
  { url: 'REDIS_URL' },
  { url: 'VALKEY_URL' },
];

/** The fallback variables, as a list for messages and help. */
export function fallbackNames(): string {
  return ENV_FALLBACKS.map((f) => (f.token ? `${f.url} + ${f.token}` : f.url)).join(', ');
}
