export * from './runtime.js';
export { DockerRuntime, dockerMessage, bindingsFromPorts, type DockerRuntimeOptions } from './docker-runtime.js';
