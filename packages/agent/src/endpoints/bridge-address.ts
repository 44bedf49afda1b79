// The address bridge-mode containers reach this machine on: the gateway of Docker's default `bridge`
// network. Docker shows it in the network's IPAM config only when it was given one (a bridge that already
// had an address at dockerd's start, or --bip); a fresh dockerd that made docker0 itself shows only the
// subnet. The bridge interface's own IPv4 address (the network's com.docker.network.bridge.name, default
// docker0, read from this host's interfaces) is the gateway then.
import type Docker from 'dockerode';
import { interfaceIPv4 } from './interface-addresses.js';

export const DEFAULT_BRIDGE_INTERFACE = 'docker0';
export const BRIDGE_NAME_OPTION = 'com.docker.network.bridge.name';

/** What `docker network inspect bridge` says that matters here. */
export interface BridgeNetwork {
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
  Options?: Record<string, string> | null;
}

/** True when the IPv4 address `ip` is inside the CIDR `subnet`. */
function inSubnet(ip: string, subnet: string): boolean {
  const [base, bits] = subnet.split('/');
  const n = Number(bits);
  const num = (s: string) => s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  if (!base || base.includes(':') || !Number.isInteger(n) || n < 0 || n > 32) return false;
  const size = 2 ** (32 - n);
  return Math.floor(num(ip) / size) === Math.floor(num(base) / size);
}

/**
 * The bridge gateway from the network and the interface's IPv4 addresses (`addressesOf`): IPAM's IPv4
 * Gateway when Docker shows one, else the bridge interface's address (the one inside the network's subnet
 * when it has several). PURE.
 */
export function bridgeGatewayOf(network: BridgeNetwork, addressesOf: (name: string) => string[]): string | undefined {
  const configs = network.IPAM?.Config ?? [];
  const gw = configs.find((c) => c.Gateway && !c.Gateway.includes(':'))?.Gateway;
  if (gw) return gw;
  const addrs = addressesOf(network.Options?.[BRIDGE_NAME_OPTION] || DEFAULT_BRIDGE_INTERFACE);
  const subnets = configs.flatMap((c) => (c.Subnet ? [c.Subnet] : []));
  return addrs.find((a) => subnets.some((s) => inSubnet(a, s))) ?? addrs[0];
}

/** The bridge gateway of the Docker behind `docker`, read now (the bridge may have been recreated). */
export async function bridgeGateway(docker: Docker, addressesOf: (name: string) => string[] = interfaceIPv4): Promise<string | undefined> {
  const network = (await docker.getNetwork('bridge').inspect()) as BridgeNetwork;
  return bridgeGatewayOf(network, addressesOf);
}

/** The interface of the Docker behind `docker`'s default bridge network (docker0, or dockerd's --bridge). */
export async function bridgeInterface(docker: Docker): Promise<string> {
  const network = (await docker.getNetwork('bridge').inspect()) as BridgeNetwork;
  return network.Options?.[BRIDGE_NAME_OPTION] || DEFAULT_BRIDGE_INTERFACE;
}
