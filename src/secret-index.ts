// Many secrets at once (an Upstash account's tokens: a thousand or more), found in a text in time
// that grows with the text, not with their number. `redact` in secrets.ts tries each secret in
// turn, which is right for the few a run is given; with a thousand, every quoted value of every
// database cost a millisecond, and a maintenance of 1,000 databases took 30 s instead of 1.
// The same rules: a whole secret, or the start or end of one (at least half of it, and at least
// PART characters) where the text ends or begins, is replaced by ***.

/** The shortest end of a secret taken for it (secrets.ts: `partial`). */
const PART = 12;

const push = (map: Map<string, string[]>, key: string, secret: string) => {
  const list = map.get(key);
  if (list) list.push(secret);
  else map.set(key, [secret]);
};

export class SecretIndex {
  /** By their first `shortest` characters: where a whole one may start. */
  private readonly starts = new Map<string, string[]>();
  /** By their first and last PART characters: the ends of one cut in a text. */
  private readonly heads = new Map<string, string[]>();
  private readonly tails = new Map<string, string[]>();
  private readonly all = new Set<string>();
  private longest = 0;
  /** The shortest secret kept (secrets.ts: MIN_SECRET_LENGTH); a whole one is found by its start. */
  private readonly shortest: number;

  constructor(shortest: number) {
    this.shortest = shortest;
  }

  add(secret: string): void {
    if (secret.length < this.shortest || this.all.has(secret)) return;
    this.all.add(secret);
    this.longest = Math.max(this.longest, secret.length);
    push(this.starts, secret.slice(0, this.shortest), secret);
    if (secret.length <= PART) return;
    push(this.heads, secret.slice(0, PART), secret);
    push(this.tails, secret.slice(-PART), secret);
  }

  clear(): void {
    for (const map of [this.starts, this.heads, this.tails]) map.clear();
    this.all.clear();
    this.longest = 0;
  }

  redact(text: string): string {
    if (this.all.size === 0) return text;
    return this.start(this.end(this.whole(text)));
  }

  private whole(text: string): string {
    const parts: string[] = [];
    let kept = 0;
    for (let i = 0; i <= text.length - this.shortest;) {
      const candidates = this.starts.get(text.slice(i, i + this.shortest)) ?? [];
      const found = candidates
        .filter((s) => text.startsWith(s, i))
        .reduce((a, b) => (b.length > a.length ? b : a), '');
      if (found === '') {
        i++;
        continue;
      }
      parts.push(text.slice(kept, i), '***');
      i += found.length;
      kept = i;
    }
    return kept === 0 ? text : [...parts, text.slice(kept)].join('');
  }

  /** The text ends with the start of a secret. */
  private end(text: string): string {
    for (let p = Math.max(0, text.length - this.longest); p <= text.length - PART; p++) {
      const rest = text.slice(p);
      const cut = (this.heads.get(text.slice(p, p + PART)) ?? []).some(
        (s) => rest.length < s.length && rest.length >= partial(s) && s.startsWith(rest),
      );
      if (cut) return `${text.slice(0, p)}***`;
    }
    return text;
  }

  /** The text begins with the end of a secret. */
  private start(text: string): string {
    for (let k = Math.min(text.length, this.longest); k >= PART; k--) {
      const head = text.slice(0, k);
      const cut = (this.tails.get(text.slice(k - PART, k)) ?? []).some(
        (s) => k < s.length && k >= partial(s) && s.endsWith(head),
      );
      if (cut) return `***${text.slice(k)}`;
    }
    return text;
  }
}

const partial = (secret: string) => Math.max(PART, Math.ceil(secret.length / 2));
