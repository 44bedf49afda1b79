// Original file: protos/berth/v1/ecs.proto


export interface DiscoverPollEndpointResponse {
  'endpoint'?: (string);
  'telemetryEndpoint'?: (string);
  'serviceConnectEndpoint'?: (string);
  '_endpoint'?: "endpoint";
  '_telemetryEndpoint'?: "telemetryEndpoint";
  '_serviceConnectEndpoint'?: "serviceConnectEndpoint";
}

export interface DiscoverPollEndpointResponse__Output {
  'endpoint'?: (string);
  'telemetryEndpoint'?: (string);
  'serviceConnectEndpoint'?: (string);
}
