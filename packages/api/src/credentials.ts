// The one factory of gRPC transport credentials, used by every gRPC client (the CLI's BerthClient, the
// event stream, the agent's session) and by the server. Insecure today: the gRPC listener binds loopback
// by default and says so loudly otherwise. Mutual TLS (issue 16) changes these two functions only.
import * as grpc from '@grpc/grpc-js';

export function channelCredentials(): grpc.ChannelCredentials {
  return grpc.credentials.createInsecure();
}

export function serverCredentials(): grpc.ServerCredentials {
  return grpc.ServerCredentials.createInsecure();
}
