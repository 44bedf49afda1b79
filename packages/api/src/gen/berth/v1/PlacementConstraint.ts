// Original file: protos/berth/v1/ecs.proto


export interface PlacementConstraint {
  'type'?: (string);
  'expression'?: (string);
  '_type'?: "type";
  '_expression'?: "expression";
}

export interface PlacementConstraint__Output {
  'type'?: (string);
  'expression'?: (string);
}
