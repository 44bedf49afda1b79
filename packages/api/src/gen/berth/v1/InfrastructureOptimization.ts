// Original file: protos/berth/v1/ecs.proto


export interface InfrastructureOptimization {
  'scaleInAfter'?: (number);
  '_scaleInAfter'?: "scaleInAfter";
}

export interface InfrastructureOptimization__Output {
  'scaleInAfter'?: (number);
}
