// Original file: protos/berth/v1/ecs.proto


export interface ListAttributesRequest {
  'cluster'?: (string);
  'targetType'?: (string);
  'attributeName'?: (string);
  'attributeValue'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  '_cluster'?: "cluster";
  '_targetType'?: "targetType";
  '_attributeName'?: "attributeName";
  '_attributeValue'?: "attributeValue";
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
}

export interface ListAttributesRequest__Output {
  'cluster'?: (string);
  'targetType'?: (string);
  'attributeName'?: (string);
  'attributeValue'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
}
