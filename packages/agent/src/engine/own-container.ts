// A container looked up by the Docker name saved before its create (created, but its id never learnt:
// the agent crashed, or Docker went away before answering), taken only when it carries this task's and
// this instance's labels: a container that is not ours is never touched.
import { isNotFound, type ContainerRuntime, type ContainerState } from '../runtime/runtime.js';
import { ownedBy } from './container-identity.js';

/** The container named `dockerName` when it is this task's; undefined when there is none (or not ours). */
export async function ownContainerNamed(runtime: ContainerRuntime, dockerName: string, instanceId: string, taskArn: string): Promise<ContainerState | undefined> {
  try {
    const st = await runtime.inspect(dockerName);
    return ownedBy(st.labels, instanceId, taskArn) ? st : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}
