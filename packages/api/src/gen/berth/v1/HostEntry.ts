// Original file: protos/berth/v1/ecs.proto


export interface HostEntry {
  'hostname'?: (string);
  'ipAddress'?: (string);
  '_hostname'?: "hostname";
  '_ipAddress'?: "ipAddress";
}

export interface HostEntry__Output {
  'hostname'?: (string);
  'ipAddress'?: (string);
}
