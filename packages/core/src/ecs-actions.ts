// The ECS actions Berth does not serve, each with why: they belong to AWS's own machinery (amazon-ecs-agent's
// calls, SSM sessions, Service Connect, Express Gateway, Managed Instances' daemons), and each is answered
// with UnsupportedFeatureException naming the action and saying in one sentence what to use instead.
// Every other action of the model is served (the server's action table); a test checks the two cover the
// model exactly, and the README's table of every action against both.
import type { EcsAction } from './model/types.js';

/** Berth will not honour it: `instead` is the one sentence the refusal ends with. */
export interface UnservedAction { status: 'unsupported'; instead: string }

const AGENT_CALL = "it is amazon-ecs-agent's own call to ECS, and Berth's agents speak berth-agent's stream to the control plane instead; run berth-agent on the machine.";
const EXPRESS = 'there is no Express Gateway (its load balancers, certificates and scaling are AWS-managed); use CreateService with a task definition instead.';
const DAEMON = "ECS ties daemons to its Managed Instances capacity providers; use CreateService with schedulingStrategy DAEMON, which runs one task on each container instance.";

const unsupported = (instead: string): UnservedAction => ({ status: 'unsupported', instead });

export const UNSERVED_ECS_ACTIONS: { readonly [A in EcsAction]?: UnservedAction } = {
  DiscoverPollEndpoint: unsupported(AGENT_CALL),
  SubmitTaskStateChange: unsupported(AGENT_CALL),
  SubmitContainerStateChange: unsupported(AGENT_CALL),
  SubmitAttachmentStateChanges: unsupported(AGENT_CALL),
  UpdateContainerAgent: unsupported('Berth does not update agents through the API; upgrade the berth-agent package on the machine and restart it (its tasks keep running).'),
  ExecuteCommand: unsupported('ECS Exec opens an AWS Systems Manager session, which Berth has no part of; use berth exec TASK -- COMMAND, which runs the command through the agent session (a task started with enableExecuteCommand).'),
  ListServicesByNamespace: unsupported('there is no Service Connect or AWS Cloud Map namespace; use ListServices.'),
  CreateExpressGatewayService: unsupported(EXPRESS),
  DeleteExpressGatewayService: unsupported(EXPRESS),
  DescribeExpressGatewayService: unsupported(EXPRESS),
  UpdateExpressGatewayService: unsupported(EXPRESS),
  CreateDaemon: unsupported(DAEMON),
  DeleteDaemon: unsupported(DAEMON),
  DeleteDaemonTaskDefinition: unsupported(DAEMON),
  DescribeDaemon: unsupported(DAEMON),
  DescribeDaemonDeployments: unsupported(DAEMON),
  DescribeDaemonRevisions: unsupported(DAEMON),
  DescribeDaemonTaskDefinition: unsupported(DAEMON),
  ListDaemonDeployments: unsupported(DAEMON),
  ListDaemonTaskDefinitions: unsupported(DAEMON),
  ListDaemons: unsupported(DAEMON),
  RegisterDaemonTaskDefinition: unsupported(DAEMON),
  UpdateDaemon: unsupported(DAEMON),
};

/** The refusal of an action Berth will not honour: the action named, then what to use instead. */
export function unsupportedActionMessage(action: string, instead: string): string {
  return `Berth does not support the ECS action ${action}: ${instead}`;
}

/** The refusals of the actions Berth will not honour, by action (what the seam answers for them). */
export function unsupportedActionMessages(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [action, s] of Object.entries(UNSERVED_ECS_ACTIONS)) out[action] = unsupportedActionMessage(action, s.instead);
  return out;
}
