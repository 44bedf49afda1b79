// Original file: protos/berth/v1/ecs.proto


export interface ServiceEvent {
  'id'?: (string);
  'createdAt'?: (number | string);
  'message'?: (string);
  '_id'?: "id";
  '_createdAt'?: "createdAt";
  '_message'?: "message";
}

export interface ServiceEvent__Output {
  'id'?: (string);
  'createdAt'?: (number);
  'message'?: (string);
}
