// Original file: protos/berth/v1/ecs.proto


export interface PlatformDevice {
  'id'?: (string);
  'type'?: (string);
  '_id'?: "id";
  '_type'?: "type";
}

export interface PlatformDevice__Output {
  'id'?: (string);
  'type'?: (string);
}
