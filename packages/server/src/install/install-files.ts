// What a new machine fetches to join, on the AWS listener with no signature (it has nothing but a join token):
//   GET /install.sh              deploy/install.sh, filled in with the address it was fetched from and this
//                                server's gRPC port (where the agent joins)
//   GET /install/ca.pem          the cluster CA; the token carries the SHA-256 of its DER bytes
//   GET /install/SHA256SUMS      every package in --install-dir with its SHA-256 ...
//   GET /install/SHA256SUMS.sig  ... signed with the CA's key (base64), so the token vouches for the packages
//   GET /install/NAME.deb        a package
// Nothing here is secret; install.sh trusts nothing it fetched until the checks pass (docs/install.md).
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { createHash, sign } from 'node:crypto';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface InstallFilesOptions {
  /** Holds install.sh and the packages (the berth-server package's /usr/share/berth/install). */
  dir: string;
  /** The cluster CA (its key signs the package list). */
  ca: () => Promise<{ certPem: string; keyPem: string }>;
  /** This replica's gRPC port, which install.sh gives the agent with the host it was fetched from. */
  grpcPort: number;
  /** The AWS listener serves HTTPS (--ecs-tls). */
  https: boolean;
}

/** Answers a request for an install file (true), or leaves it to the AWS protocols (false). */
export type InstallFilesHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A Host header fit to write into a shell script: a name or address, and a port. */
const HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

export function installFiles(opts: InstallFilesOptions): InstallFilesHandler {
  const script = readFileSync(join(opts.dir, 'install.sh'), 'utf8');
  const packages = readdirSync(opts.dir).filter((f) => /^[A-Za-z0-9][A-Za-z0-9.+~_-]*\.deb$/.test(f)).sort();
  const sums = packages.map((f) => `${createHash('sha256').update(readFileSync(join(opts.dir, f))).digest('hex')}  ${f}\n`).join('');
  let signed: Promise<{ caPem: string; sig: string }> | undefined;
  const signedList = () => (signed ??= opts.ca().then((ca) => ({ caPem: ca.certPem, sig: sign('sha256', Buffer.from(sums), ca.keyPem).toString('base64') }), (e) => {
    signed = undefined;
    throw e;
  }));

  const answer = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
    res.end(body);
  };
  const text = 'text/plain; charset=utf-8';

  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://berth').pathname;
    if (path !== '/install.sh' && !path.startsWith('/install/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, text, `${req.method} ${path}: only GET\n`);
      return true;
    }
    const host = HOST.exec(req.headers.host ?? '');
    if (!host) {
      answer(res, 400, text, 'The Host header must be HOST or HOST:PORT.\n');
      return true;
    }
    const name = path.slice('/install/'.length);
    if (path === '/install.sh') {
      const url = `${opts.https ? 'https' : 'http'}://${host[0]}`;
      answer(res, 200, 'text/x-shellscript; charset=utf-8', script.replaceAll('@BERTH_URL@', url).replaceAll('@BERTH_SERVER@', `${host[1]}:${opts.grpcPort}`));
    } else if (name === 'SHA256SUMS') {
      answer(res, 200, text, sums);
    } else if (name === 'ca.pem' || name === 'SHA256SUMS.sig') {
      signedList().then(
        (s) => answer(res, 200, text, name === 'ca.pem' ? s.caPem : `${s.sig}\n`),
        (e) => answer(res, 503, text, `The cluster CA cannot sign the package list: ${(e as Error).message}\n`));
    } else if (packages.includes(name)) {
      res.writeHead(200, { 'Content-Type': 'application/vnd.debian.binary-package', 'Cache-Control': 'no-store' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(join(opts.dir, name)).on('error', () => res.destroy()).pipe(res);
    } else {
      answer(res, 404, text, `No install file ${name}.\n`);
    }
    return true;
  };
}
