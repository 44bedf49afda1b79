// What a task definition needs that Berth does not run (yet): refused at RunTask and StartTask with a
// reason naming the member, never at RegisterTaskDefinition (the definition is kept as given). PURE.
import { invalid } from './errors.js';
import type { TaskDefinition } from './model/types.js';

/** Throws InvalidParameterException (field `taskDefinition`) naming the first unsupported member. */
export function checkRunnable(td: TaskDefinition): void {
  const name = `${td.family}:${td.revision}`;
  if (td.networkMode === 'awsvpc') {
    throw invalid('taskDefinition', `taskDefinition: ${name} uses networkMode awsvpc, which Berth does not run (each task would need its own network interface); use bridge, host or none.`);
  }
  (td.volumes ?? []).forEach((v, i) => {
    const at = `volumes[${i}]`;
    const what = (member: string, why: string) =>
      invalid('taskDefinition', `taskDefinition: ${name} ${at} ('${v.name}') uses ${member}, ${why}`);
    if (v.efsVolumeConfiguration !== undefined) throw what('efsVolumeConfiguration', 'which Berth does not run yet (no NFS mounts); use a host or Docker volume.');
    if (v.fsxWindowsFileServerVolumeConfiguration !== undefined) throw what('fsxWindowsFileServerVolumeConfiguration', 'which needs Windows container instances; Berth runs Linux only.');
    if (v.s3filesVolumeConfiguration !== undefined) throw what('s3filesVolumeConfiguration', 'which Berth does not run; use a host or Docker volume.');
    if (v.configuredAtLaunch === true) throw what('configuredAtLaunch', 'an Amazon EBS volume configured at launch, which Berth does not support.');
  });
}
