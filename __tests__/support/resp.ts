// A small RESP2 client for the tests' REST front and for inspecting the real redis-server.
// Replies keep their bytes (Buffer) so the front can base64-encode exactly what Redis sent.

import net from 'node:net';
import tls from 'node:tls';

export class RedisReplyError extends Error {
  override readonly name = 'RedisReplyError';
}

export type RespValue = Buffer | string | number | null | RedisReplyError | RespValue[];

/** Simple strings arrive as `string`, bulk strings as `Buffer`, errors as RedisReplyError. */
function encodeCommand(args: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg) : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

class Parser {
  private buffer = Buffer.alloc(0);
  private offset = 0;

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer.subarray(this.offset), chunk]);
    this.offset = 0;
  }

  /** Next complete reply, or undefined when more bytes are needed. */
  next(): { value: RespValue } | undefined {
    const start = this.offset;
    const value = this.read();
    if (value === undefined) {
      this.offset = start;
      return undefined;
    }
    return { value: value.v };
  }

  private line(): string | undefined {
    const end = this.buffer.indexOf('\r\n', this.offset);
    if (end < 0) return undefined;
    const text = this.buffer.toString('utf8', this.offset, end);
    this.offset = end + 2;
    return text;
  }

  private read(): { v: RespValue } | undefined {
    const header = this.line();
    if (header === undefined) return undefined;
    const type = header[0];
    const rest = header.slice(1);
    switch (type) {
      case '+':
        return { v: rest };
      case '-':
        return { v: new RedisReplyError(rest) };
      case ':':
        return { v: Number(rest) };
      case '$': {
        const length = Number(rest);
        if (length < 0) return { v: null };
        if (this.buffer.length < this.offset + length + 2) return undefined;
        const bytes = Buffer.from(this.buffer.subarray(this.offset, this.offset + length));
        this.offset += length + 2;
        return { v: bytes };
      }
      case '*': {
        const count = Number(rest);
        if (count < 0) return { v: null };
        const items: RespValue[] = [];
        for (let i = 0; i < count; i++) {
          const item = this.read();
          if (item === undefined) return undefined;
          items.push(item.v);
        }
        return { v: items };
      }
      default:
        throw new Error(`RESP: unexpected reply type ${JSON.stringify(header)}`);
    }
  }
}

/** One connection; commands are pipelined and answered in order. */
export class RespConnection {
  private readonly parser = new Parser();
  private readonly waiting: { resolve: (v: RespValue) => void; reject: (e: Error) => void }[] = [];
  private closed: Error | undefined;
  private readonly socket: net.Socket;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.parser.push(chunk);
      for (let reply = this.parser.next(); reply; reply = this.parser.next()) {
        this.waiting.shift()?.resolve(reply.value);
      }
    });
    const fail = (error: Error) => {
      this.closed ??= error;
      for (const w of this.waiting.splice(0)) w.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => {
      fail(new Error('connection closed'));
    });
  }

  /** With `ca`, connects over TLS and trusts that CA. */
  static connect(port: number, host = '127.0.0.1', ca?: string): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const ready = () => {
        socket.off('error', reject);
        resolve(new RespConnection(socket));
      };
      const socket = ca
        ? tls.connect({ port, host, ca, ...(net.isIP(host) ? {} : { servername: host }) }, ready)
        : net.connect({ port, host }, ready);
      socket.once('error', reject);
    });
  }

  get usable(): boolean {
    return this.closed === undefined;
  }

  /** Sends several commands in one write; resolves with their replies in order. */
  send(commands: readonly (readonly (string | Buffer)[])[]): Promise<RespValue[]> {
    if (this.closed) return Promise.reject(this.closed);
    const replies = commands.map(
      () =>
        new Promise<RespValue>((resolve, reject) => {
          this.waiting.push({ resolve, reject });
        }),
    );
    this.socket.write(Buffer.concat(commands.map(encodeCommand)));
    return Promise.all(replies);
  }

  async call(...args: (string | Buffer)[]): Promise<RespValue> {
    const [reply] = await this.send([args]);
    if (reply instanceof RedisReplyError) throw reply;
    return reply as RespValue;
  }

  close(): void {
    this.socket.destroy();
  }
}

export function text(value: RespValue): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'string') return value;
  throw new Error(`expected a string reply, got ${JSON.stringify(value)}`);
}
