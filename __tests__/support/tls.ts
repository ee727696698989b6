// A throw-away self-signed certificate for 127.0.0.1, made with the openssl CLI.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'keepalive-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
        ...['-nodes', '-keyout', key, '-out', cert, '-days', '1'],
        ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TestCa {
  /** PEM of the CA that signed the server certificate: what NODE_EXTRA_CA_CERTS points to. */
  caCert: string;
  serverKey: string;
  serverCert: string;
  /** Files of the three, in a folder the caller removes with `remove()`. */
  files: { caCert: string; serverKey: string; serverCert: string };
  remove(): void;
}

/** A certificate authority made for the test, and a server certificate for 127.0.0.1 it signed. */
export function testCertificateAuthority(): TestCa {
  const dir = mkdtempSync(path.join(tmpdir(), 'keepalive-ca-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=keepalive test CA',
  );
  openssl(
    'req',
    ...ec,
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
    '-subj',
    '/CN=127.0.0.1',
  );
  writeFileSync(file('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    ...['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key')],
    ...['-CAcreateserial', '-out', file('server.pem'), '-days', '1', '-extfile', file('ext.cnf')],
  );
  const files = {
    caCert: file('ca.pem'),
    serverKey: file('server.key'),
    serverCert: file('server.pem'),
  };
  return {
    caCert: readFileSync(files.caCert, 'utf8'),
    serverKey: readFileSync(files.serverKey, 'utf8'),
    serverCert: readFileSync(files.serverCert, 'utf8'),
    files,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
