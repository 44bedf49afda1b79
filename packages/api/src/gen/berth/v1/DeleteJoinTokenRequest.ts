// Original file: protos/berth/v1/fleet.proto


export interface DeleteJoinTokenRequest {
  'id'?: (string);
  '_id'?: "id";
}

export interface DeleteJoinTokenRequest__Output {
  'id'?: (string);
}
