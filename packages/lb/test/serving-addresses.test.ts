// The addresses berth-lb says its listeners answer on (DescribeLoadBalancers' LoadBalancerAddresses), as a
// table: a specific bind address is itself; a wildcard is the host's addresses beyond loopback and the
// container bridges.
import t from 'tap';
import type { NetworkInterfaceInfo } from 'node:os';
import { servingAddresses } from '../src/index.js';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal }) as NetworkInterfaceInfo;
const HOST = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('192.168.1.20', 'IPv4'), nic('fe80::1', 'IPv6')],
  wlan0: [nic('10.0.0.7', 'IPv4')],
  docker0: [nic('172.17.0.1', 'IPv4')],
  'br-5e1f': [nic('172.18.0.1', 'IPv4')],
  veth12ab: [nic('fe80::2', 'IPv6')],
};
const ROWS: [bind: string, want: string[]][] = [
  ['127.0.0.1', ['127.0.0.1']],
  ['192.168.1.20', ['192.168.1.20']],
  ['0.0.0.0', ['192.168.1.20', '10.0.0.7']],
  ['::', ['192.168.1.20', 'fe80::1', '10.0.0.7']],
];
for (const [bind, want] of ROWS) t.same(servingAddresses(bind, HOST), want, `bound to ${bind}`);
