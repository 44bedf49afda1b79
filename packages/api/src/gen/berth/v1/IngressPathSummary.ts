// Original file: protos/berth/v1/ecs.proto


export interface IngressPathSummary {
  'accessType'?: (string);
  'endpoint'?: (string);
  '_accessType'?: "accessType";
  '_endpoint'?: "endpoint";
}

export interface IngressPathSummary__Output {
  'accessType'?: (string);
  'endpoint'?: (string);
}
