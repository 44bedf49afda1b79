// Reads the host facts registration needs: cores, memory, architecture, the Docker engine's version.
import { cpus, arch, hostname } from 'node:os';
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
  return { cpus: cpus().length, memoryMiB: memTotalMiB(), arch: arch(), dockerVersion: v.Version, dockerApiVersion: v.ApiVersion, hostname: hostname() };
}
