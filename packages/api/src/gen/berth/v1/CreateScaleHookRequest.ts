// Original file: protos/berth/v1/capacity.proto


export interface CreateScaleHookRequest {
  'name'?: (string);
  'url'?: (string);
  'timeoutSeconds'?: (number);
  'retries'?: (number);
  'description'?: (string);
  '_name'?: "name";
  '_url'?: "url";
  '_timeoutSeconds'?: "timeoutSeconds";
  '_retries'?: "retries";
  '_description'?: "description";
}

export interface CreateScaleHookRequest__Output {
  'name'?: (string);
  'url'?: (string);
  'timeoutSeconds'?: (number);
  'retries'?: (number);
  'description'?: (string);
}
