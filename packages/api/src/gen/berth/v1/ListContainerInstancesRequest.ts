// Original file: protos/berth/v1/ecs.proto


export interface ListContainerInstancesRequest {
  'cluster'?: (string);
  'filter'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  'status'?: (string);
  '_cluster'?: "cluster";
  '_filter'?: "filter";
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
  '_status'?: "status";
}

export interface ListContainerInstancesRequest__Output {
  'cluster'?: (string);
  'filter'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  'status'?: (string);
}
