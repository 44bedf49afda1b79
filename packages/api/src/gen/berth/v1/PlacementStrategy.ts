// Original file: protos/berth/v1/ecs.proto


export interface PlacementStrategy {
  'type'?: (string);
  'field'?: (string);
  '_type'?: "type";
  '_field'?: "field";
}

export interface PlacementStrategy__Output {
  'type'?: (string);
  'field'?: (string);
}
