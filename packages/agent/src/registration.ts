// What the agent registers, as amazon-ecs-agent does: CPU = cores x 1024, MEMORY = total MiB minus
// ECS_RESERVED_MEMORY, PORTS/PORTS_UDP = the reserved sets; attributes (os, architecture, the capabilities
// Berth honours with ECS's names, from core's agent-support table, zone and instance type, custom ones)
// and versionInfo. Placement puts a task only where its requiresAttributes are advertised. Pure: the host
// facts are gathered by host-facts.ts.
import type { Attribute, RegisterContainerInstanceRequest, Resource, VersionInfo } from '@berth/core';
import { agentCapabilities, dockerApiCapabilities } from '@berth/core/agent-support.js';
import { LB_GROUP_ATTRIBUTE } from '@berth/core/elb/listener-ports.js';
import { HOST_ADDRESS_ATTRIBUTE } from '@berth/core/services/load-balancers.js';
import type { AgentConfig } from './config.js';

export interface HostFacts {
  cpus: number;
  memoryMiB: number;
  /** Node's os.arch(): x64, arm64, arm ... */
  arch: string;
  dockerVersion: string;
  /** The engine's API version, e.g. "1.41". */
  dockerApiVersion: string;
  hostname: string;
  /** The host's first IPv4 address beyond loopback, if any. */
  address?: string;
}

export const AGENT_VERSION = '0.1.0';

/** ECS's names for CPU architectures (ecs.cpu-architecture). */
export function ecsArchitecture(nodeArch: string): string {
  return ({ x64: 'x86_64', arm64: 'arm64', arm: 'arm', ia32: 'i386' } as Record<string, string>)[nodeArch] ?? nodeArch;
}

export { dockerApiCapabilities };

export function registrationRequest(cfg: AgentConfig, host: HostFacts, containerInstanceArn?: string): RegisterContainerInstanceRequest {
  const memory = host.memoryMiB - cfg.reservedMemoryMiB;
  if (memory <= 0) throw new Error(`ECS_RESERVED_MEMORY (${cfg.reservedMemoryMiB} MiB) leaves no memory of ${host.memoryMiB} MiB`);
  const totalResources: Resource[] = [
    { name: 'CPU', type: 'INTEGER', integerValue: host.cpus * 1024 },
    { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
    { name: 'PORTS', type: 'STRINGSET', stringSetValue: cfg.reservedPorts.map(String) },
    { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: cfg.reservedPortsUdp.map(String) },
  ];
  const attrs: Record<string, string | undefined> = {
    'ecs.os-type': 'linux',
    'ecs.os-family': 'LINUX',
    'ecs.cpu-architecture': ecsArchitecture(host.arch),
    'ecs.availability-zone': cfg.availabilityZone,
    'ecs.instance-type': cfg.instanceType,
    // Where a load balancer reaches this instance's host ports (its `instance` targets): BERTH_HOST_ADDRESS,
    // else the address port mappings bind to, else the host's first address.
    [HOST_ADDRESS_ATTRIBUTE]: cfg.hostAddress ?? (cfg.hostPortBindIp !== '0.0.0.0' ? cfg.hostPortBindIp : host.address),
    // Its berth-lb's listener ports are kept off its tasks' static host ports.
    [LB_GROUP_ATTRIBUTE]: cfg.lbGroup,
    ...Object.fromEntries(agentCapabilities(host.dockerApiVersion, { credentialsEndpoint: cfg.credentialsAddr !== undefined }).map((a) => [a, ''])),
    ...cfg.instanceAttributes,
  };
  const attributes: Attribute[] = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([name, value]) => (value === '' ? { name } : { name, value: value! }));
  const versionInfo: VersionInfo = { agentVersion: AGENT_VERSION, agentHash: 'berth', dockerVersion: `DockerVersion: ${host.dockerVersion}` };
  return {
    cluster: cfg.cluster,
    totalResources,
    versionInfo,
    attributes,
    ...(containerInstanceArn ? { containerInstanceArn } : {}),
  };
}
