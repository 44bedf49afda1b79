// Original file: protos/berth/v1/fleet.proto


export interface RevokeCertificateRequest {
  'serial'?: (string);
  '_serial'?: "serial";
}

export interface RevokeCertificateRequest__Output {
  'serial'?: (string);
}
