// Original file: protos/berth/v1/fleet.proto


export interface TargetGroupStatistics {
  'targetGroupArn'?: (string);
  'requests'?: (number | string);
  'http2xx'?: (number | string);
  'http3xx'?: (number | string);
  'http4xx'?: (number | string);
  'http5xx'?: (number | string);
  'responseTimeMs'?: (number | string);
  'healthyTargets'?: (number);
  'unhealthyTargets'?: (number);
  'connections'?: (number | string);
  'activeConnections'?: (number | string);
  '_targetGroupArn'?: "targetGroupArn";
  '_requests'?: "requests";
  '_http2xx'?: "http2xx";
  '_http3xx'?: "http3xx";
  '_http4xx'?: "http4xx";
  '_http5xx'?: "http5xx";
  '_responseTimeMs'?: "responseTimeMs";
  '_healthyTargets'?: "healthyTargets";
  '_unhealthyTargets'?: "unhealthyTargets";
  '_connections'?: "connections";
  '_activeConnections'?: "activeConnections";
}

export interface TargetGroupStatistics__Output {
  'targetGroupArn'?: (string);
  'requests'?: (number);
  'http2xx'?: (number);
  'http3xx'?: (number);
  'http4xx'?: (number);
  'http5xx'?: (number);
  'responseTimeMs'?: (number);
  'healthyTargets'?: (number);
  'unhealthyTargets'?: (number);
  'connections'?: (number);
  'activeConnections'?: (number);
}
