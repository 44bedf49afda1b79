// Original file: protos/berth/v1/ecs.proto


export interface ListServicesByNamespaceRequest {
  'namespace'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  '_namespace'?: "namespace";
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
}

export interface ListServicesByNamespaceRequest__Output {
  'namespace'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
}
