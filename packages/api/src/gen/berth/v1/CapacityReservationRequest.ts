// Original file: protos/berth/v1/ecs.proto


export interface CapacityReservationRequest {
  'reservationGroupArn'?: (string);
  'reservationPreference'?: (string);
  '_reservationGroupArn'?: "reservationGroupArn";
  '_reservationPreference'?: "reservationPreference";
}

export interface CapacityReservationRequest__Output {
  'reservationGroupArn'?: (string);
  'reservationPreference'?: (string);
}
