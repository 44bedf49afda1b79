// Original file: protos/berth/v1/ecs.proto


export interface DeleteDaemonRequest {
  'daemonArn'?: (string);
  '_daemonArn'?: "daemonArn";
}

export interface DeleteDaemonRequest__Output {
  'daemonArn'?: (string);
}
