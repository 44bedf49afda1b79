// Original file: protos/berth/v1/ecs.proto


export interface ListServicesRequest {
  'cluster'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  'launchType'?: (string);
  'schedulingStrategy'?: (string);
  'resourceManagementType'?: (string);
  '_cluster'?: "cluster";
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
  '_launchType'?: "launchType";
  '_schedulingStrategy'?: "schedulingStrategy";
  '_resourceManagementType'?: "resourceManagementType";
}

export interface ListServicesRequest__Output {
  'cluster'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  'launchType'?: (string);
  'schedulingStrategy'?: (string);
  'resourceManagementType'?: (string);
}
