// What a database is, once its URL is read: where, how to authenticate, and where each part came
// from (for messages that name the right setting).

export type Connection = RestConnection | TcpConnection;

export interface RestConnection {
  kind: 'rest';
  /** REST base URL, without trailing slash. */
  url: string;
  /** REST token, without any `Bearer ` prefix. */
  token: string;
  /** host[:port]: safe to print. */
  database: string;
  /** Where the URL came from: "input 'url'" or the name of an environment variable. */
  source: string;
  /** Where the token came from, for messages about it: "input 'token'", a variable's name. */
  tokenSource: string;
}

export interface TcpConnection {
  kind: 'tcp';
  host: string;
  port: number;
  tls: boolean;
  username: string | undefined;
  password: string | undefined;
  db: number;
  database: string;
  source: string;
  /** Where the password came from: the URL, "input 'token'", … */
  tokenSource: string;
}
