// The examples every command's --help shows, as kubectl's do: a comment saying what it does, then the
// command line. They are real: a test (packages/agent/test/cli-help-examples-e2e.test.ts) reads them from
// each --help and runs them, in bash from the repository's root, against a real control plane and agent. A
// comment that says "until Ctrl-C" marks a command that never ends by itself; the test stops it after its
// first output. $TASK and $INSTANCE stand for a task id and a container instance id (what
// `berth get tasks -o name` and `berth get instances -o name` print after the slash), $REVISION for a
// REVISION of `berth rollout history`.
import type { Command } from 'commander';

/** [what it does, the command line], by command path (`config use-context`). */
export const EXAMPLES: Record<string, [string, string][]> = {
  lint: [
    ['Check a task definition against ECS\'s best practices', 'berth lint -f examples/taskdefs/hello.json'],
    ['Check one strictly: exit 1 when there is a warning (as kubectl diff), with how to fix each', 'berth lint -f examples/taskdefs/web-best-practices.json -o wide --strict'],
  ],
  register: [
    ['Register a task definition (the shape of aws ecs register-task-definition --cli-input-json)', 'berth register taskdef -f examples/taskdefs/hello.json'],
    ['Register a new revision from standard input', 'cat examples/taskdefs/hello.json | berth register taskdef -f -'],
  ],
  create: [
    ['Create a cluster', 'berth create cluster staging'],
    ['Create a service from a CreateService input file', 'berth create service -f examples/services/hello.yaml --cluster staging'],
    ['Create an IAM user who may read everything', 'berth create user ci-bot --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess'],
    ['Create an access key for that user (its secret is shown this once)', 'berth create access-key --user-name ci-bot'],
    ['Create a join token that admits one machine within an hour', 'berth create join-token --ttl 1h --uses 1 --description "rack 2"'],
    ['Create a secret (Secrets Manager) from a literal value', 'berth create secret db-password --from-literal s3cr3t --description "the app\'s database"'],
  ],
  apply: [
    ['Create or update the service a file describes (reports created, configured or unchanged), then follow it until it is rolled out', 'berth apply -f examples/services/hello.yaml --wait --timeout 120'],
    ['Apply a task definition read from standard input', 'cat examples/taskdefs/hello.json | berth apply -f -'],
    ['Roll the service to a new revision: register one, then apply its file again (taskDefinition: hello is the latest)', 'berth register taskdef -f examples/taskdefs/hello.json && berth apply -f examples/services/hello.yaml'],
  ],
  diff: [
    ['Show what apply would change (exit 0: nothing; 1: differences)', 'berth diff -f examples/services/hello.yaml'],
  ],
  run: [
    ['Run a task and wait until it is RUNNING', 'berth run hello --wait'],
    ['Run two tasks spread over the instances, open to berth exec', 'berth run hello --count 2 --strategy spread:instanceId --enable-execute-command --started-by me'],
    ['Run a task only where an attribute matches', "berth run hello:1 --constraint 'memberOf:attribute:ecs.os-type == linux' -o name"],
  ],
  get: [
    ['List the services of the cluster', 'berth get services'],
    ['List the running tasks with more columns', 'berth get tasks -o wide'],
    ['List a family\'s task definition revisions', 'berth get taskdefs hello'],
    ['List the container instances whose attribute matches', "berth get instances --filter 'attribute:ecs.os-type == linux'"],
    ['Print each task\'s ARN (kubectl\'s jsonpath over what -o json prints)', "berth get tasks -o jsonpath='{.[*].taskArn}'"],
    ['List the tasks, then a row for each change (until Ctrl-C)', 'berth get tasks -w'],
    ['List the services\' deployments', 'berth get deployments'],
  ],
  describe: [
    ['Show a service: its deployments and its latest events', 'berth describe service hello'],
    ['Show a task as JSON', 'berth describe task $TASK -o json'],
    ['Show a container instance', 'berth describe instance $INSTANCE'],
    ['Show a task definition revision', 'berth describe taskdef hello:1'],
    ['Show a secret (never its value)', 'berth describe secret db-password'],
  ],
  rollout: [
    ['Wait until the service\'s newest deployment is complete (exit 1 when it fails)', 'berth rollout status service hello --timeout 120'],
    ['List its last 10 deployments, newest first, each with the REVISION --to-revision takes', 'berth rollout history service hello'],
    ['Go back to the previous revision (a new deployment)', 'berth rollout undo service hello'],
    ['Go back to a revision of the history ($REVISION)', 'berth rollout undo service hello --to-revision $REVISION'],
  ],
  scale: [
    ['Run three tasks of a service', 'berth scale service hello --desired 3'],
  ],
  logs: [
    ['Print the last lines of a task\'s container log', 'berth logs $TASK --tail 5 --timestamps'],
    ['Follow a task\'s log (until Ctrl-C)', 'berth logs $TASK -f'],
  ],
  exec: [
    ['Run a command in a task\'s container', 'berth exec $TASK -- ls /'],
    ['Open a shell in it, with a terminal when this is one', 'berth exec $TASK -it -- sh'],
  ],
  top: [
    ['The tasks using the most CPU, with the share of what each reserves', 'berth top tasks'],
    ['The services using the most memory', 'berth top services --sort-by memory'],
    ['Each instance\'s tasks summed, over what it registers, refreshed (until Ctrl-C)', 'berth top instances -w --interval 2'],
  ],
  events: [
    ['The cluster\'s task events kept, as EventBridge envelopes', 'berth events --type task -o json'],
    ['Every cluster\'s events, then each new one (until Ctrl-C)', 'berth events --all-clusters -w'],
  ],
  stop: [
    ['Stop a task, saying why', "berth stop task $TASK --reason 'replaced by hand'"],
  ],
  label: [
    ['Set a custom attribute that placement constraints can match', 'berth label instance $INSTANCE stack=prod'],
    ['Remove it', 'berth label instance $INSTANCE stack-'],
  ],
  drain: [
    ['Stop placing tasks on an instance (its service tasks are replaced elsewhere)', 'berth drain instance $INSTANCE'],
  ],
  activate: [
    ['Place tasks on it again', 'berth activate instance $INSTANCE'],
  ],
  put: [
    ['Give a user an inline policy', 'berth put user-policy read-tasks --user-name ci-bot -f examples/policies/read-tasks.json'],
  ],
  attach: [
    ['Attach a managed policy to a user', 'berth attach policy arn:aws:iam::aws:policy/AmazonECS_FullAccess --user-name ci-bot'],
  ],
  detach: [
    ['Detach it', 'berth detach policy arn:aws:iam::aws:policy/AmazonECS_FullAccess --user-name ci-bot'],
  ],
  update: [
    ['Deactivate a user\'s first access key', "berth update access-key \"$(berth get access-keys --user-name ci-bot -o jsonpath='{.AccessKeyMetadata[0].AccessKeyId}')\" --status Inactive --user-name ci-bot"],
  ],
  revoke: [
    ['Revoke the certificates of a machine that joined as lb, log-router or exporter ($SERIAL from berth get certificates)', 'berth revoke certificate $SERIAL'],
  ],
  deregister: [
    ['Deregister a task definition revision (its running tasks go on)', 'berth deregister taskdef hello:1'],
    ['Deregister a container instance even while its tasks run', 'berth deregister instance $INSTANCE --force'],
  ],
  delete: [
    ['Delete a service and stop its tasks', 'berth delete service hello --cluster staging --force'],
    ['Delete a cluster', 'berth delete cluster staging'],
    ['Delete a user\'s access key', "berth delete access-key \"$(berth get access-keys --user-name ci-bot -o jsonpath='{.AccessKeyMetadata[0].AccessKeyId}')\" --user-name ci-bot"],
    ['Delete a user\'s inline policy', 'berth delete user-policy read-tasks --user-name ci-bot'],
    ['Delete a secret at once, with no recovery window', 'berth delete secret db-password --force'],
  ],
  completion: [
    ['Complete berth\'s commands, kinds and flags in this bash', 'source <(berth completion bash)'],
    ['Install fish\'s completion', 'mkdir -p ~/.config/fish/completions && berth completion fish > ~/.config/fish/completions/berth.fish'],
  ],
  'config get-contexts': [
    ['List the contexts', 'berth config get-contexts'],
  ],
  'config set-context': [
    ['A context that addresses the staging cluster', 'berth config set-context staging --cluster staging'],
  ],
  'config use-context': [
    ['Make it the current one', 'berth config use-context staging'],
  ],
  'config view': [
    ['Print the config file (secrets redacted) as JSON', 'berth config view -o json'],
  ],
};

/** A command's path from the top: `config use-context`. */
export function commandPath(c: Command): string {
  const names: string[] = [];
  for (let at: Command | null = c; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** The Examples section of a command's help. */
export function examplesHelp(path: string): string {
  const examples = EXAMPLES[path];
  if (!examples) return '';
  return `\nExamples:\n${examples.map(([what, line]) => `  # ${what}\n  ${line}\n`).join('\n')}`;
}

/** Every command with a Examples section in its --help (the program's own help says what $TASK means). */
export function addExamples(program: Command): void {
  const walk = (c: Command) => {
    for (const sub of c.commands) {
      const path = commandPath(sub);
      if (EXAMPLES[path]) sub.addHelpText('after', examplesHelp(path));
      walk(sub);
    }
  };
  walk(program);
  program.addHelpText('after', '\nIn the examples of each command\'s --help, $TASK stands for a task id, $INSTANCE for a container instance id\n(berth get tasks -o name, berth get instances -o name) and $REVISION for a REVISION of berth rollout history.\n');
}
