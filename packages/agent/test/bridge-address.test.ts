// Where the task metadata endpoint's bridge address comes from (a table over what `docker network inspect
// bridge` and the host's interfaces say), and the endpoint moving to a new address (real sockets, on
// loopback addresses).
import http from 'node:http';
import type os from 'node:os';
import t from 'tap';
import type Docker from 'dockerode';
import { DockerFacts, TaskMetadataServer, bridgeGatewayOf, type BridgeNetwork, type HostInterfaces } from '../src/endpoints/index.js';
import { captureLogger } from './fixtures.js';

const v4 = (address: string): os.NetworkInterfaceInfo => ({ address, netmask: '255.255.0.0', family: 'IPv4', mac: '02:42:00:00:00:00', internal: false, cidr: `${address}/16` });
const v6 = (address: string): os.NetworkInterfaceInfo => ({ address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:42:00:00:00:00', internal: false, cidr: `${address}/64`, scopeid: 0 });
const fresh: BridgeNetwork = { IPAM: { Config: [{ Subnet: '172.17.0.0/16' }] }, Options: { 'com.docker.network.bridge.name': 'docker0' } };

const cases: { name: string; network: BridgeNetwork; interfaces: HostInterfaces; want: string | undefined }[] = [
  { name: "IPAM's gateway when Docker shows one", network: { IPAM: { Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] } }, interfaces: { docker0: [v4('172.17.0.9')] }, want: '172.17.0.1' },
  { name: 'a fresh dockerd (subnet only): the bridge interface address', network: fresh, interfaces: { eth0: [v4('192.0.2.2')], docker0: [v6('fe80::1'), v4('172.17.0.1')] }, want: '172.17.0.1' },
  { name: 'the interface the network names', network: { IPAM: { Config: [{ Subnet: '10.213.9.0/24' }] }, Options: { 'com.docker.network.bridge.name': 'br-test' } }, interfaces: { docker0: [v4('172.17.0.1')], 'br-test': [v4('10.213.9.1')] }, want: '10.213.9.1' },
  { name: 'docker0 when the network names none', network: { IPAM: { Config: [{ Subnet: '172.17.0.0/16' }] }, Options: null }, interfaces: { docker0: [v4('172.17.0.1')] }, want: '172.17.0.1' },
  { name: 'an IPv6 gateway does not count', network: { IPAM: { Config: [{ Subnet: 'fd00::/64', Gateway: 'fd00::1' }, { Subnet: '172.17.0.0/16' }] } }, interfaces: { docker0: [v4('172.17.0.1')] }, want: '172.17.0.1' },
  { name: "of several addresses, the one in the network's subnet", network: fresh, interfaces: { docker0: [v4('192.168.5.1'), v4('172.17.0.1')] }, want: '172.17.0.1' },
  { name: 'no such interface: none', network: fresh, interfaces: { eth0: [v4('192.0.2.2')] }, want: undefined },
  { name: 'an interface without IPv4: none', network: fresh, interfaces: { docker0: [v6('fe80::1')] }, want: undefined },
  { name: "Node 18.0's numeric family", network: fresh, interfaces: { docker0: [{ ...v4('172.17.0.1'), family: 4 as unknown as 'IPv4' }] }, want: '172.17.0.1' },
];
for (const c of cases) t.equal(bridgeGatewayOf(c.network, c.interfaces), c.want, c.name);

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
