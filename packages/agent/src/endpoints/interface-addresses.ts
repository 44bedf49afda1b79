// The IPv4 addresses of one of this host's network interfaces, whatever its link state.
// os.networkInterfaces() lists only interfaces that are up and running, and a Docker bridge with no
// container attached has no carrier, so on Linux the kernel's tables are read instead: the interface's
// directly connected routes (/proc/net/route) and the host's local addresses (/proc/net/fib_trie); an
// address of the interface is a local one inside one of its routes.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Hex, little-endian as /proc/net/route prints it, to a 32-bit number. */
const hexLE = (h: string): number => (parseInt(h.slice(6, 8) + h.slice(4, 6) + h.slice(2, 4) + h.slice(0, 2), 16) >>> 0);
const ipNum = (ip: string): number => ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0) >>> 0;

/** The networks routed directly over `name` (no gateway), as [network, mask] numbers. PURE. */
export function connectedNetworks(name: string, procNetRoute: string): [number, number][] {
  const out: [number, number][] = [];
  for (const line of procNetRoute.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || f[0] !== name || f[2] !== '00000000') continue;
    out.push([hexLE(f[1]!), hexLE(f[7]!)]);
  }
  return out;
}

/** The host's local IPv4 addresses (`/32 host LOCAL` entries of /proc/net/fib_trie). PURE. */
export function localAddresses(procNetFibTrie: string): string[] {
  const out = new Set<string>();
  let last: string | undefined;
  for (const line of procNetFibTrie.split('\n')) {
    const leaf = /\|-- (\d+\.\d+\.\d+\.\d+)/.exec(line);
    if (leaf) last = leaf[1];
    else if (last && /\/32 host LOCAL/.test(line)) out.add(last);
  }
  return [...out];
}

/** `name`'s IPv4 addresses from the kernel's tables. PURE. */
export function addressesFromProc(name: string, procNetRoute: string, procNetFibTrie: string): string[] {
  const nets = connectedNetworks(name, procNetRoute);
  return localAddresses(procNetFibTrie).filter((a) => nets.some(([net, mask]) => ((ipNum(a) & mask) >>> 0) === ((net & mask) >>> 0)));
}

/** `name`'s IPv4 addresses: os.networkInterfaces() when it lists the interface, else the kernel's tables (Linux). */
export function interfaceIPv4(name: string): string[] {
  const listed = (os.networkInterfaces()[name] ?? []).filter((a) => a.family === 'IPv4' || (a.family as unknown) === 4).map((a) => a.address);
  if (listed.length > 0) return listed;
  try {
    return addressesFromProc(name, readFileSync('/proc/net/route', 'utf8'), readFileSync('/proc/net/fib_trie', 'utf8'));
  } catch {
    return []; // not Linux
  }
}
