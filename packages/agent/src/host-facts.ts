// Reads the host facts registration needs: cores, memory, architecture, the Docker engine's version.
import { cpus, arch, hostname, networkInterfaces } from 'node:os';
import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import type { HostFacts } from './registration.js';

export function memTotalMiB(meminfo = readFileSync('/proc/meminfo', 'utf8')): number {
  const m = /^MemTotal:\s+(\d+) kB/m.exec(meminfo);
  if (!m) throw new Error('cannot read MemTotal from /proc/meminfo');
  return Math.floor(Number(m[1]) / 1024);
}

export async function hostFacts(docker: Docker): Promise<HostFacts> {
  const v = await docker.version();
  const address = firstAddress();
  return { cpus: cpus().length, memoryMiB: memTotalMiB(), arch: arch(), dockerVersion: v.Version, dockerApiVersion: v.ApiVersion, hostname: hostname(), ...(address ? { address } : {}) };
}

/** The host's first IPv4 address beyond loopback (Docker's bridges aside): where a load balancer reaches its host ports. */
function firstAddress(): string | undefined {
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    if (name === 'docker0' || name.startsWith('br-') || name.startsWith('veth')) continue;
    const a = addrs?.find((x) => x.family === 'IPv4' && !x.internal);
    if (a) return a.address;
  }
  return undefined;
}
