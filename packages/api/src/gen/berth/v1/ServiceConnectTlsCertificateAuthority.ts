// Original file: protos/berth/v1/ecs.proto


export interface ServiceConnectTlsCertificateAuthority {
  'awsPcaAuthorityArn'?: (string);
  '_awsPcaAuthorityArn'?: "awsPcaAuthorityArn";
}

export interface ServiceConnectTlsCertificateAuthority__Output {
  'awsPcaAuthorityArn'?: (string);
}
