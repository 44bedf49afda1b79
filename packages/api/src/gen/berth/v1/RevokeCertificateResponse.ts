// Original file: protos/berth/v1/fleet.proto

import type { Certificate as _berth_v1_Certificate, Certificate__Output as _berth_v1_Certificate__Output } from '../../berth/v1/Certificate.js';

export interface RevokeCertificateResponse {
  'certificates'?: (_berth_v1_Certificate)[];
}

export interface RevokeCertificateResponse__Output {
  'certificates'?: (_berth_v1_Certificate__Output)[];
}
