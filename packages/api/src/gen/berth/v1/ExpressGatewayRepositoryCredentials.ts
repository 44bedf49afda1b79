// Original file: protos/berth/v1/ecs.proto


export interface ExpressGatewayRepositoryCredentials {
  'credentialsParameter'?: (string);
  '_credentialsParameter'?: "credentialsParameter";
}

export interface ExpressGatewayRepositoryCredentials__Output {
  'credentialsParameter'?: (string);
}
