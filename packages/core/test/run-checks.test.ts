import t from 'tap';
import { BerthError, checkRunnable, type TaskDefinition } from '../src/index.js';

const td = (extra: Partial<TaskDefinition>): TaskDefinition => ({ family: 'f', revision: 3, containerDefinitions: [{ name: 'a', image: 'x' }], ...extra });

t.test('runnable definitions pass', async (t) => {
  for (const d of [
    td({}),
    td({ networkMode: 'bridge' }),
    td({ networkMode: 'host' }),
    td({ networkMode: 'none' }),
    td({ volumes: [{ name: 'h', host: { sourcePath: '/tmp' } }, { name: 'e', host: {} }, { name: 'n' }] }),
    td({ volumes: [{ name: 'd', dockerVolumeConfiguration: { scope: 'shared', autoprovision: true, driver: 'local' } }] }),
    td({ volumes: [{ name: 'l', configuredAtLaunch: false }] }),
  ]) t.doesNotThrow(() => checkRunnable(d), JSON.stringify(d.volumes ?? d.networkMode ?? {}));
});

t.test('what Berth does not run is refused, naming the member', async (t) => {
  const cases: [Partial<TaskDefinition>, RegExp][] = [
    [{ networkMode: 'awsvpc' }, /f:3 uses networkMode awsvpc/],
    [{ volumes: [{ name: 'ok' }, { name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }] }, /volumes\[1\] \('data'\) uses efsVolumeConfiguration.*NFS/],
    [{ volumes: [{ name: 'w', fsxWindowsFileServerVolumeConfiguration: { fileSystemId: 'fs', rootDirectory: 'x', authorizationConfig: { credentialsParameter: 'c', domain: 'd' } } }] }, /fsxWindowsFileServerVolumeConfiguration/],
    [{ volumes: [{ name: 'ebs', configuredAtLaunch: true }] }, /configuredAtLaunch/],
  ];
  for (const [extra, re] of cases) {
    const e = t.throws(() => checkRunnable(td(extra))) as unknown as BerthError;
    t.equal(e.ecsName, 'InvalidParameterException');
    t.equal(e.field, 'taskDefinition');
    t.match(e.message, re);
  }
});
