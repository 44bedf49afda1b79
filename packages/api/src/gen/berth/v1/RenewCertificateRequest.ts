// Original file: protos/berth/v1/fleet.proto


export interface RenewCertificateRequest {
  'publicKey'?: (string);
  '_publicKey'?: "publicKey";
}

export interface RenewCertificateRequest__Output {
  'publicKey'?: (string);
}
