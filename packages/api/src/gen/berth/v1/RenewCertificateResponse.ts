// Original file: protos/berth/v1/fleet.proto


export interface RenewCertificateResponse {
  'certificate'?: (string);
  'notAfter'?: (number | string);
  '_certificate'?: "certificate";
  '_notAfter'?: "notAfter";
}

export interface RenewCertificateResponse__Output {
  'certificate'?: (string);
  'notAfter'?: (number);
}
