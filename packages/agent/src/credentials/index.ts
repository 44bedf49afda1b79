// The task credentials endpoint and its address translation, as the agent starts them (agent.ts).
import type Docker from 'dockerode';
import type { Logger } from '@berth/api';
import type { CredentialsRoleType, TaskCredentials } from '@berth/core';
import type { TaskSnapshot } from '../engine/engine.js';
import { DockerFacts } from '../endpoints/docker-facts.js';
import { bridgeInterface } from '../endpoints/bridge-address.js';
import type { ListenAddr } from '../endpoints/listener.js';
import { CredentialsEndpoint } from './credentials-endpoint.js';
import { installTranslation } from './netfilter.js';

export { CredentialsEndpoint, DEFAULT_CREDENTIALS_ADDR, CREDENTIALS_PATH } from './credentials-endpoint.js';
export { credentialsTranslation, CREDENTIALS_IP, CREDENTIALS_PORT, type HostRule, type TranslationInput } from './address-translation.js';
export { installTranslation, uninstallTranslation, TRANSLATION_FILE } from './netfilter.js';

export interface CredentialsOptions {
  docker: Docker;
  log: Logger;
  addr: ListenAddr;
  dataDir: string;
  /** This agent owns the machine's address translation (BERTH_CREDENTIALS_ENDPOINT=on). */
  translation: boolean;
  source(): TaskSnapshot[];
  fetch(taskArn: string, roleType: CredentialsRoleType): Promise<TaskCredentials>;
  retryMs?: number;
}

/**
 * Starts the endpoint and, once it is bound, installs the address translation to its port (logged, never
 * fatal when it cannot: bridge-mode containers then do not reach 169.254.170.2).
 */
export async function startCredentials(o: CredentialsOptions): Promise<CredentialsEndpoint> {
  const endpoint = new CredentialsEndpoint({
    addr: o.addr, log: o.log, facts: new DockerFacts(o.docker), source: o.source, fetch: o.fetch, ...(o.retryMs !== undefined ? { retryMs: o.retryMs } : {}),
  });
  await endpoint.start();
  if (o.translation) {
    void endpoint.listener.bound().then(async () => {
      try {
        await installTranslation(o.dataDir, { bridge: await bridgeInterface(o.docker), port: endpoint.listener.port()! }, o.log);
      } catch (e) {
        o.log.error('cannot install the credentials endpoint\'s address translation (BERTH_CREDENTIALS_ENDPOINT=on needs root and iptables): bridge-mode containers do not reach 169.254.170.2', { error: (e as Error).message });
      }
    });
  }
  return endpoint;
}
