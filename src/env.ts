// Environment variables as every runtime can hand them: process.env on Node, Deno and Bun, or the
// `env` object a Cloudflare Worker is given. The engine reads them through this type only.

export type Env = Readonly<Record<string, string | undefined>>;
