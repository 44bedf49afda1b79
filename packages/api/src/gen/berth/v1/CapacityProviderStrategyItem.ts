// Original file: protos/berth/v1/ecs.proto


export interface CapacityProviderStrategyItem {
  'capacityProvider'?: (string);
  'weight'?: (number);
  'base'?: (number);
  '_capacityProvider'?: "capacityProvider";
  '_weight'?: "weight";
  '_base'?: "base";
}

export interface CapacityProviderStrategyItem__Output {
  'capacityProvider'?: (string);
  'weight'?: (number);
  'base'?: (number);
}
