// Joining a cluster with a token, as k3s agents do: the token pins the cluster CA by its fingerprint, so
// the agent first reads the server's certificate chain without trusting it, keeps the CA whose fingerprint
// matches, and only then, over TLS verified against that CA, sends the token's secret with its registration
// and its own public key. The answer is its container instance and client certificate, kept in ECS_DATADIR.
// Other kinds of machine (berth-exporter) join the same way, with no registration: their certificate names
// them in their token's cluster.
import { connect } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import type { Logger } from '@berth/api';
import { BerthClient } from '@berth/api/client.js';
import { agentApiService } from '@berth/api/agent-protos.js';
import type { RegisterContainerInstanceRequest } from '@berth/core';
import { BerthError } from '@berth/core/errors.js';
import { parseJoinToken } from '@berth/core/fleet.js';
import { FLEET_API } from '@berth/core/fleet-api.js';
import { sha256Hex } from '@berth/core/sigv4.js';
import { newMachineKey, saveMachineCredentials, type MachineCredentials } from './machine-credentials.js';
import { saveIdentity } from './identity.js';

export class ClockSkewError extends Error {}

/** The CA certificate (PEM) in the server's chain whose fingerprint is `caHash`; refuses anything else. */
export function pinnedCa(server: string, caHash: string, timeoutMs = 10_000, now = Date.now()): Promise<string> {
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(server);
  if (!m) return Promise.reject(new Error(`server address must be HOST:PORT (got ${server})`));
  const host = m[1]!.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    // Not trusted yet: nothing secret is sent on this connection, it only reads the chain.
    const socket = connect({ host, port: Number(m[2]), rejectUnauthorized: false, ALPNProtocols: ['h2'], ...(/^[\d.:]+$/.test(host) ? {} : { servername: host }) });
    const timer = setTimeout(() => socket.destroy(new Error(`no TLS answer from ${server}`)), timeoutMs);
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const leaf = socket.getPeerCertificate(true);
      socket.end();
      const chain: PeerCertificate[] = [];
      for (let c: PeerCertificate | undefined = leaf; c?.raw && !chain.includes(c); c = (c as { issuerCertificate?: PeerCertificate }).issuerCertificate) chain.push(c);
      const ca = chain.find((c) => sha256Hex(c.raw) === caHash);
      if (!ca) return reject(new BerthError('AccessDeniedException', `${server} is not the control plane this join token is for: no certificate in its chain has the token's CA fingerprint`));
      const from = Date.parse(leaf.valid_from);
      if (now < from) return reject(new ClockSkewError(`clock skew: this machine's clock (${new Date(now).toISOString()}) is before the control plane's certificate starts (${leaf.valid_from}); set the clock (NTP) — retrying`));
      resolve(new X509Certificate(ca.raw).toString());
    });
  });
}

export interface Joined {
  credentials: MachineCredentials;
  /** An agent's container instance (absent for other kinds). */
  containerInstanceArn?: string;
  cluster: string;
}

/**
 * One Join call, through a client that trusts the CA the token pins (pinnedCa): a new key pair, of which only
 * the public key travels; the answer is the machine's certificate and its container instance.
 */
export async function requestJoin(client: BerthClient, token: string, registration: RegisterContainerInstanceRequest | undefined): Promise<Joined> {
  const key = newMachineKey();
  const res = (await client.callApi(FLEET_API, 'Join', {
    token, publicKey: key.publicKeyPem, ...(registration ? { registration: JSON.stringify(registration) } : {}), clientTime: Date.now() / 1000,
  })) as { certificate: string; caCertificate: string; containerInstanceArn?: string; cluster: string };
  return {
    credentials: { keyPem: key.keyPem, certPem: res.certificate, caPem: res.caCertificate },
    ...(res.containerInstanceArn ? { containerInstanceArn: res.containerInstanceArn } : {}), cluster: res.cluster,
  };
}

/**
 * Joins through the first server that answers: pins the CA, then calls Join over verified TLS. Saves the key,
 * certificate and CA (DATADIR/tls) and, for an agent (`registration`), the instance's identity; the token
 * itself is never written.
 */
export async function joinCluster(servers: string[], token: string, registration: RegisterContainerInstanceRequest | undefined, dataDir: string, log: Logger): Promise<Joined> {
  const { caHash, id } = parseJoinToken(token);
  let lastErr: unknown;
  for (const server of servers) {
    let caPem: string;
    try {
      caPem = await pinnedCa(server, caHash);
    } catch (e) {
      if (e instanceof ClockSkewError || e instanceof BerthError) throw e;
      lastErr = e;
      continue;
    }
    const client = new BerthClient([server], { tls: { caPem }, protos: agentApiService });
    try {
      const joined = await requestJoin(client, token, registration);
      saveMachineCredentials(dataDir, joined.credentials);
      if (joined.containerInstanceArn) saveIdentity(dataDir, { cluster: joined.cluster, containerInstanceArn: joined.containerInstanceArn });
      log.info('joined the cluster', { server, token: id, cluster: joined.cluster, ...(joined.containerInstanceArn ? { containerInstanceArn: joined.containerInstanceArn } : {}) });
      return joined;
    } catch (e) {
      if (e instanceof BerthError && e.ecsName === 'ClientException' && /^clock skew/.test(e.message)) throw new ClockSkewError(e.message);
      if (e instanceof BerthError && e.ecsName !== 'ServerException' && !/no Berth server answered/.test(e.message)) throw e;
      lastErr = e;
    } finally {
      client.close();
    }
  }
  throw lastErr instanceof Error ? lastErr : new Error(String(lastErr));
}
