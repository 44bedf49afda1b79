// The one factory of gRPC transport credentials, used by every gRPC client (the CLI's BerthClient, the
// event stream, the agent's session) and by the server. With TLS material (issue 16): the server serves its
// certificate from the cluster CA and requests, without requiring, a client certificate (agents and other
// machines present one; users will authenticate by access key); a client trusts only the cluster CA and
// presents its own certificate when it has one. Without it: plaintext, which berth-server allows on loopback
// only, as a development mode (see server.ts).
import * as grpc from '@grpc/grpc-js';

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

export function channelCredentials(tls?: ChannelTls): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  const withKey = tls.keyPem !== undefined && tls.certPem !== undefined;
  return grpc.credentials.createSsl(Buffer.from(tls.caPem), withKey ? Buffer.from(tls.keyPem!) : null, withKey ? Buffer.from(tls.certPem!) : null);
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
