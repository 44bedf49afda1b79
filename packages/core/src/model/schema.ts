// The form of the generated model data (model/shapes.ts and model/NAME/shapes.ts, scripts/gen-model.mjs):
// botocore's shapes, reduced to what validation, wire conversion and the AWS protocol layer need.
export type Shape =
  | {
      type: 'structure';
      members: Record<string, string>;
      required?: string[];
      /** Members that travel elsewhere than the body or under another name (REST: uri, querystring, header). */
      locations?: Record<string, { location?: string; name?: string; flattened?: boolean }>;
      /** The proto message lists its present list and map members (api's wire conversion). */
      presence?: boolean;
      /** Loaded name -> member, where the API-wide renames name another structure's member (SSM's IpAddress, IPAddress). */
      renames?: Record<string, string>;
      /** botocore's `document`: any JSON value, no members (ECS's HookDetails); travels as JSON text in the proto. */
      document?: boolean;
    }
  | { type: 'list'; member: string; min?: number; max?: number; memberName?: string; flattened?: boolean; wrapped?: boolean }
  | { type: 'map'; key: string; value: string; min?: number; max?: number; wrapped?: boolean }
  | { type: 'string'; enum?: string[]; min?: number; max?: number }
  | { type: 'blob'; min?: number; max?: number }
  | { type: 'timestamp'; timestampFormat?: string; min?: number; max?: number }
  | { type: 'integer' | 'long' | 'double' | 'boolean'; min?: number; max?: number };

export interface Operation {
  input: string;
  output: string;
  /** Error shapes the action may return. */
  errors: string[];
  /** REST protocols: the method and path template (`/schedules/{Name}`). */
  http?: { method: string; requestUri: string; responseCode?: number };
  /** Query protocol: the element wrapping the result (`GetCallerIdentityResult`). */
  resultWrapper?: string;
  /** Members the model marks `idempotencyToken`: clients fill them once per logical call. */
  idempotencyTokens?: string[];
}

export interface ErrorInfo {
  /** HTTP status the error is sent with. */
  status: number;
  /** The query protocol's error code, where it differs from the shape name (`NoSuchEntity`). */
  code?: string;
  /** The server's fault (5xx; query `Receiver`). */
  fault?: boolean;
  /** Members besides the message (ConflictException's `resourceIds`). */
  members?: string[];
  /** The message member's name where it is not `message` (Scheduler's `Message`). */
  messageMember?: string;
}

export type AwsProtocol = 'json' | 'query' | 'rest-json' | 'rest-xml' | 'ec2';

export interface ApiModel {
  /** Folder name under protos/aws-models/ (`ecs`, `sts`, ...). */
  name: string;
  serviceId: string;
  apiVersion: string;
  /** The protocols Berth serves it on, the model's preferred first. */
  protocols: AwsProtocol[];
  jsonVersion?: string;
  /** JSON protocols: the X-Amz-Target prefix. */
  targetPrefix?: string;
  /** SigV4's service name in the credential scope: it picks the API on the AWS listener. */
  signingName: string;
  /** The prefix of its IAM actions (`ecs:RunTask`). */
  iamPrefix: string;
  xmlNamespace?: string;
  /** JSON clients of a former query API: errors carry the query code (`x-amzn-query-error`). */
  queryCompatible?: boolean;
  /** Fully qualified gRPC service name (`berth.v1.ECS`). */
  grpcService: string;
  protoFile: string;
  shapes: Record<string, Shape>;
  operations: Record<string, Operation>;
  errors: Record<string, ErrorInfo>;
  renames: Readonly<Record<string, string>>;
}
