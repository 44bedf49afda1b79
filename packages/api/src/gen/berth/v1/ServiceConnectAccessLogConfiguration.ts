// Original file: protos/berth/v1/ecs.proto


export interface ServiceConnectAccessLogConfiguration {
  'format'?: (string);
  'includeQueryParameters'?: (string);
  '_format'?: "format";
  '_includeQueryParameters'?: "includeQueryParameters";
}

export interface ServiceConnectAccessLogConfiguration__Output {
  'format'?: (string);
  'includeQueryParameters'?: (string);
}
