// Joining as a load-balancer machine: the token (of kind `lb`) pins the cluster CA, as an agent's does;
// the join returns a client certificate naming `lb/CLUSTER/ID`, kept in berth-lb's directory (key 0600)
// and used for every later call. The token itself is never written.
import { BerthClient, type Logger } from '@berth/api';
import { X509Certificate } from 'node:crypto';
import { FLEET_API, identityFromSubjectAltName, parseJoinToken } from '@berth/core';
import { loadMachineCredentials, newMachineKey, pinnedCa, saveMachineCredentials, type MachineCredentials } from '@berth/agent';

export async function lbCredentials(servers: string[], token: string | undefined, dir: string, log: Logger): Promise<MachineCredentials> {
  const saved = loadMachineCredentials(dir);
  if (saved) return saved;
  if (!token) throw new Error('berth-lb has not joined yet: give it a join token of kind lb (--join-token or BERTH_JOIN_TOKEN)');
  const { caHash, id } = parseJoinToken(token);
  let last: unknown;
  for (const server of servers) {
    try {
      const caPem = await pinnedCa(server, caHash);
      const key = newMachineKey();
      const client = new BerthClient([server], { tls: { caPem } });
      try {
        const res = (await client.callApi(FLEET_API, 'Join', { token, publicKey: key.publicKeyPem, clientTime: Date.now() / 1000 })) as { certificate: string; caCertificate: string; kind: string; cluster: string };
        if (res.kind !== 'lb') throw new Error(`the join token is of kind ${res.kind}, not lb`);
        const creds: MachineCredentials = { keyPem: key.keyPem, certPem: res.certificate, caPem: res.caCertificate };
        saveMachineCredentials(dir, creds);
        log.info('joined as a load-balancer machine', { server, token: id, cluster: res.cluster });
        return creds;
      } finally {
        client.close();
      }
    } catch (e) {
      last = e;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

/** The cluster berth-lb's certificate names (`lb/CLUSTER/ID`): where it looks up its instance targets. */
export function certificateCluster(creds: MachineCredentials): string {
  const who = identityFromSubjectAltName(new X509Certificate(creds.certPem).subjectAltName);
  if (!who || who.kind !== 'lb') throw new Error('the certificate in the berth-lb directory is not a load-balancer machine\'s');
  return who.cluster;
}
