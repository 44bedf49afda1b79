// Original file: protos/berth/v1/tasks.proto


export interface TaskOutput {
  'data'?: (Buffer | Uint8Array | string);
  'fd'?: (number);
  'exitCode'?: (number);
  '_data'?: "data";
  '_fd'?: "fd";
  '_exitCode'?: "exitCode";
}

export interface TaskOutput__Output {
  'data'?: (Buffer);
  'fd'?: (number);
  'exitCode'?: (number);
}
