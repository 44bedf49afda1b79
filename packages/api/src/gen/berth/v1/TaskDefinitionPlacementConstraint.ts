// Original file: protos/berth/v1/ecs.proto


export interface TaskDefinitionPlacementConstraint {
  'type'?: (string);
  'expression'?: (string);
  '_type'?: "type";
  '_expression'?: "expression";
}

export interface TaskDefinitionPlacementConstraint__Output {
  'type'?: (string);
  'expression'?: (string);
}
