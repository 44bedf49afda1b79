// Original file: protos/berth/v1/fleet.proto


export interface CreateJoinTokenRequest {
  'ttlSeconds'?: (number);
  'uses'?: (number);
  'cluster'?: (string);
  'kind'?: (string);
  'description'?: (string);
  '_ttlSeconds'?: "ttlSeconds";
  '_uses'?: "uses";
  '_cluster'?: "cluster";
  '_kind'?: "kind";
  '_description'?: "description";
}

export interface CreateJoinTokenRequest__Output {
  'ttlSeconds'?: (number);
  'uses'?: (number);
  'cluster'?: (string);
  'kind'?: (string);
  'description'?: (string);
}
