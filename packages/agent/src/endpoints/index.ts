export { bridgeGateway, bridgeGatewayOf, type BridgeNetwork } from './bridge-address.js';
export { addressesFromProc, connectedNetworks, interfaceIPv4, localAddresses } from './interface-addresses.js';
export { DockerFacts } from './docker-facts.js';
export { IntrospectionServer } from './introspection.js';
export { Listener, parseListenAddr, formatAddr } from './listener.js';
export { MetadataFiles, METADATA_FILE, CONTAINER_METADATA_DIR } from './metadata-file.js';
export { TaskMetadataServer, isLoopbackHost, isWildcardHost } from './task-metadata-server.js';
export * from './task-metadata.js';
export { startEndpoints, type Endpoints, type EndpointsOptions } from './local-endpoints.js';
