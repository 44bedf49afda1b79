// Where the task metadata endpoint's bridge address comes from (a table over what `docker network inspect
// bridge` and the host's interfaces say; the kernel's tables for an interface without carrier, as parsed
// text and on a real bridge this test makes), and the endpoint moving to a new address (real sockets, on
// loopback addresses).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import t from 'tap';
import type Docker from 'dockerode';
import {
  DockerFacts, TaskMetadataServer, addressesFromProc, bridgeGatewayOf, connectedNetworks, interfaceIPv4, localAddresses, type BridgeNetwork,
} from '../src/endpoints/index.js';
import { captureLogger, until } from './fixtures.js';

const fresh: BridgeNetwork = { IPAM: { Config: [{ Subnet: '172.17.0.0/16' }] }, Options: { 'com.docker.network.bridge.name': 'docker0' } };

const cases: { name: string; network: BridgeNetwork; interfaces: Record<string, string[]>; want: string | undefined }[] = [
  { name: "IPAM's gateway when Docker shows one", network: { IPAM: { Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] } }, interfaces: { docker0: ['172.17.0.9'] }, want: '172.17.0.1' },
  { name: 'a fresh dockerd (subnet only): the bridge interface address', network: fresh, interfaces: { eth0: ['192.0.2.2'], docker0: ['172.17.0.1'] }, want: '172.17.0.1' },
  { name: 'the interface the network names', network: { IPAM: { Config: [{ Subnet: '10.213.9.0/24' }] }, Options: { 'com.docker.network.bridge.name': 'br-test' } }, interfaces: { docker0: ['172.17.0.1'], 'br-test': ['10.213.9.1'] }, want: '10.213.9.1' },
  { name: 'docker0 when the network names none', network: { IPAM: { Config: [{ Subnet: '172.17.0.0/16' }] }, Options: null }, interfaces: { docker0: ['172.17.0.1'] }, want: '172.17.0.1' },
  { name: 'an IPv6 gateway does not count', network: { IPAM: { Config: [{ Subnet: 'fd00::/64', Gateway: 'fd00::1' }, { Subnet: '172.17.0.0/16' }] } }, interfaces: { docker0: ['172.17.0.1'] }, want: '172.17.0.1' },
  { name: "of several addresses, the one in the network's subnet", network: fresh, interfaces: { docker0: ['192.168.5.1', '172.17.0.1'] }, want: '172.17.0.1' },
  { name: 'no such interface, or none with IPv4: none', network: fresh, interfaces: { eth0: ['192.0.2.2'] }, want: undefined },
];
for (const c of cases) t.equal(bridgeGatewayOf(c.network, (n) => c.interfaces[n] ?? []), c.want, c.name);

// This machine's /proc/net/route and /proc/net/fib_trie with docker0 down (no container attached).
const ROUTE = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
br-x\t0000000A\t010011AC\t0003\t0\t0\t0\t000000FF\t0\t0\t0
`;
const FIB_TRIE = `Main:
  +-- 0.0.0.0/0 3 0 4
     |-- 0.0.0.0
        /0 universe UNICAST
     +-- 127.0.0.0/8 2 0 2
        +-- 127.0.0.0/31 1 0 0
           |-- 127.0.0.0
              /8 host LOCAL
           |-- 127.0.0.1
              /32 host LOCAL
        |-- 127.255.255.255
           /32 link BROADCAST
     +-- 172.17.0.0/16 2 0 2
        +-- 172.17.0.0/31 1 0 0
           |-- 172.17.0.0
              /16 link UNICAST
           |-- 172.17.0.1
              /32 host LOCAL
        |-- 172.17.255.255
           /32 link BROADCAST
     +-- 192.0.2.0/24 2 0 2
        +-- 192.0.2.0/30 2 0 2
           |-- 192.0.2.0
              /24 link UNICAST
           |-- 192.0.2.2
              /32 host LOCAL
        |-- 192.0.2.255
           /32 link BROADCAST
Local:
  +-- 0.0.0.0/0 3 0 4
     |-- 172.17.0.1
        /32 host LOCAL
`;
t.same(localAddresses(FIB_TRIE).sort(), ['127.0.0.1', '172.17.0.1', '192.0.2.2'], 'local addresses: /32 host LOCAL entries, once each');
t.same(connectedNetworks('docker0', ROUTE), [[0xac110000, 0xffff0000]], "docker0's connected network");
t.same(connectedNetworks('br-x', ROUTE), [], 'a route through a gateway is not a connected network');
t.same(addressesFromProc('docker0', ROUTE, FIB_TRIE), ['172.17.0.1'], 'docker0 down: its address from the kernel tables');
t.same(addressesFromProc('eth0', ROUTE, FIB_TRIE), ['192.0.2.2']);
t.same(addressesFromProc('missing0', ROUTE, FIB_TRIE), []);

t.test('a bridge without carrier: not in os.networkInterfaces(), its address read from the kernel', async (t) => {
  // A bridge of this test's own, with a test address, that had a port and lost it (as docker0 once its
  // last container stopped).
  const name = `bta${process.pid.toString(36)}`.slice(0, 15);
  const addr = `10.213.${(process.pid % 200) + 50}.1`;
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'ignore' });
  t.teardown(() => {
    try {
      ip('link', 'del', name);
    } catch {
      /* gone */
    }
  });
  ip('link', 'add', name, 'type', 'bridge');
  ip('addr', 'add', `${addr}/24`, 'dev', name);
  ip('link', 'set', name, 'up');
  ip('link', 'add', `${name}v`, 'type', 'veth', 'peer', 'name', `${name}w`);
  ip('link', 'set', `${name}v`, 'master', name);
  ip('link', 'set', `${name}v`, 'up');
  ip('link', 'set', `${name}w`, 'up');
  const operstate = () => readFileSync(`/sys/class/net/${name}/operstate`, 'utf8').trim();
  await until(() => operstate() === 'up' || undefined, 'carrier with a port');
  ip('link', 'del', `${name}v`);
  await until(() => operstate() === 'down' || undefined, 'carrier lost with the port');
  t.notOk(os.networkInterfaces()[name], 'Node does not list it');
  t.same(interfaceIPv4(name), [addr], 'its address all the same');
});

/** GET http://host:port/v4/none: a listener answers 404 for an unknown endpoint id; undefined when none listens. */
const probe = (host: string, port: number): Promise<number | undefined> =>
  new Promise((resolve) => {
    http.get({ host, port, path: '/v4/none' }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', () => resolve(undefined));
  });

t.test('rebind moves the bridge listener to the new address; loopback stays', async (t) => {
  const { log } = captureLogger();
  const tmds = new TaskMetadataServer({ addrs: [{ host: '127.0.0.2', port: 0 }, { host: '127.0.0.1', port: 0 }], log, facts: new DockerFacts({} as Docker), source: () => [], cluster: 'test' });
  t.teardown(() => tmds.close());
  await tmds.start();
  const [first, loop] = tmds.listeners;
  await Promise.all([first!.bound(), loop!.bound()]);
  const oldPort = first!.port()!;
  t.equal(await probe('127.0.0.2', oldPort), 404, 'serving on the first address');
  const moved = await tmds.rebind('127.0.0.2', { host: '127.0.0.3', port: 0 });
  await moved.bound();
  t.equal(moved.name, first!.name, 'the same listener name');
  t.equal(await probe('127.0.0.3', moved.port()!), 404, 'serving on the new address');
  t.equal(await probe('127.0.0.2', oldPort), undefined, 'the old address is closed');
  t.same(tmds.listeners.map((l) => l.host), ['127.0.0.3', '127.0.0.1']);
  t.equal(await probe('127.0.0.1', loop!.port()!), 404, 'loopback untouched');
  const added = await tmds.rebind(undefined, { host: '127.0.0.4', port: 0 });
  t.same(tmds.listeners.map((l) => l.host), ['127.0.0.4', '127.0.0.3', '127.0.0.1'], 'added first when there was none to move');
  await added.bound();
});
