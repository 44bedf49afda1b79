// The one factory of gRPC transport credentials, used by every gRPC client (the CLI's BerthClient, the
// event stream, the agent's session) and by the server. With TLS material (issue 16): the server serves its
// certificate from the cluster CA and requests, without requiring, a client certificate (agents and other
// machines present one; users will authenticate by access key); a client trusts only the cluster CA and
// presents its own certificate when it has one. Without it: plaintext, which berth-server allows on loopback
// only, as a development mode (see server.ts).
import * as grpc from '@grpc/grpc-js';
import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';

/** What a client trusts, and the certificate it presents (a machine that joined). */
export interface ChannelTls {
  /** The cluster CA (PEM): the only issuer trusted. */
  caPem: string;
  keyPem?: string;
  certPem?: string;
}

/** What the server serves: its certificate chain and key, and the CA client certificates must chain to. */
export interface ServerTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export function channelCredentials(tls?: ChannelTls, target?: string): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  const withKey = tls.keyPem !== undefined && tls.certPem !== undefined;
  const ip = target === undefined ? undefined : targetIp(target);
  // Connecting by address: the certificate must name that address (an IP SAN), whatever name the
  // handshake carries (channelOptions).
  const verify = ip === undefined ? undefined : { checkServerIdentity: (_name: string, cert: Parameters<typeof checkServerIdentity>[1]) => checkServerIdentity(ip, cert) };
  return grpc.credentials.createSsl(Buffer.from(tls.caPem), withKey ? Buffer.from(tls.keyPem!) : null, withKey ? Buffer.from(tls.certPem!) : null, verify);
}

/**
 * The name a client sends in TLS's server_name when it connects by IP address. grpc-js always sets
 * servername, to the target's host; an IP address there is not permitted by RFC 6066 and Node warns
 * (DEP0123) once per process. A reserved name (RFC 6761's `.invalid`) is sent instead: the server serves
 * one certificate whatever the name, and channelCredentials checks the certificate against the address.
 */
export const IP_TARGET_SERVER_NAME = 'berth-server.invalid';

/** The address of a `HOST:PORT` (or `[V6]:PORT`, or a bare host) target when its host is an IP address. */
export function targetIp(target: string): string | undefined {
  const t = target.replace(/^(grpc|dns|ipv4|ipv6):(\/\/)?/, '');
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(t) ?? /^([^:]+)(?::\d+)?$/.exec(t);
  const host = m ? m[1]! : t;
  return isIP(host) ? host : undefined;
}

/**
 * How much of the server's answers a client lets be in flight, per stream and per connection (HTTP/2 flow
 * control): grpc-java's default, 1 MiB. grpc-js's own is HTTP/2's 64 KiB, and a connection's answers then
 * leave the server at 64 KiB per round trip: under the API scenario's open load the DescribeTasks
 * connection's answers queued in the server for 10-30 s after their handlers had finished, where no
 * admission rule can see them (served p50 16.7 s; with 1 MiB 3.6 s, the same build back to back:
 * docs/benchmarks.md, "lanes (session 12)").
 */
export const CLIENT_FLOW_CONTROL_WINDOW = 1024 * 1024;

/**
 * The channel options every client of a target passes with channelCredentials(tls, target): the flow
 * control window above, and with TLS and an IP target the server name above (the certificate is then
 * verified against the IP by channelCredentials' checkServerIdentity, never against that name).
 */
export function channelOptions(target: string, tls?: ChannelTls): grpc.ChannelOptions {
  const window = { 'grpc-node.flow_control_window': CLIENT_FLOW_CONTROL_WINDOW };
  return tls && targetIp(target) !== undefined ? { ...window, 'grpc.ssl_target_name_override': IP_TARGET_SERVER_NAME } : window;
}

/**
 * TLS that requests a client certificate and verifies it against the CA when one is presented, without
 * requiring one (grpc-js's createSsl either never asks or requires): the server's getAuthContext then
 * reports a certificate only when it verified.
 */
class RequestedClientCertificates extends grpc.ServerCredentials {
  constructor(tls: ServerTls) {
    super({ requestCert: true, rejectUnauthorized: false }, { ca: tls.caPem, cert: tls.certPem, key: tls.keyPem });
  }
  _equals(other: grpc.ServerCredentials): boolean {
    return this === other;
  }
}

export function serverCredentials(tls?: ServerTls): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return new RequestedClientCertificates(tls);
}
