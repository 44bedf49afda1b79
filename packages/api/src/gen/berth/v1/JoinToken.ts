// Original file: protos/berth/v1/fleet.proto


export interface JoinToken {
  'id'?: (string);
  'kind'?: (string);
  'cluster'?: (string);
  'createdAt'?: (number | string);
  'expiresAt'?: (number | string);
  'usesAllowed'?: (number);
  'uses'?: (number);
  'description'?: (string);
  '_id'?: "id";
  '_kind'?: "kind";
  '_cluster'?: "cluster";
  '_createdAt'?: "createdAt";
  '_expiresAt'?: "expiresAt";
  '_usesAllowed'?: "usesAllowed";
  '_uses'?: "uses";
  '_description'?: "description";
}

export interface JoinToken__Output {
  'id'?: (string);
  'kind'?: (string);
  'cluster'?: (string);
  'createdAt'?: (number);
  'expiresAt'?: (number);
  'usesAllowed'?: (number);
  'uses'?: (number);
  'description'?: (string);
}
