// Original file: protos/berth/v1/ecs.proto


export interface DockerVolumeConfiguration {
  'scope'?: (string);
  'autoprovision'?: (boolean);
  'driver'?: (string);
  'driverOpts'?: ({[key: string]: string});
  'labels'?: ({[key: string]: string});
  'berthPresentMembers'?: (string)[];
  '_scope'?: "scope";
  '_autoprovision'?: "autoprovision";
  '_driver'?: "driver";
}

export interface DockerVolumeConfiguration__Output {
  'scope'?: (string);
  'autoprovision'?: (boolean);
  'driver'?: (string);
  'driverOpts'?: ({[key: string]: string});
  'labels'?: ({[key: string]: string});
  'berthPresentMembers'?: (string)[];
}
