import { E2eContext } from './context';
import { PodJson } from './pod-view';
import { IMAGE_LAYOUT } from './image';
import { CommandResult, HarnessError } from './processes';

/** A Spark application as the proxy launches it: main class, primary resource (a local:// URI in the image), arguments. */
export interface SparkApp {
  readonly name: string;
  readonly mainClass: string;
  readonly resource: string;
  readonly args?: readonly string[];
  /** Spark properties given on the command line (`--conf key=value`), over the tenant's. @default - none */
  readonly conf?: Readonly<Record<string, string>>;
}

const LAUNCH_TIMEOUT_MS = 240_000;

/**
 * The proxy launching an application into a tenant namespace, from inside its own pod, the way the
 * image's launcher does it (`/opt/bootstrap.sh launch <tenant> ...`): it reads the tenant's Spark
 * ConfigMap from the API server as the pod's ServiceAccount (the token the kubelet mounts), writes
 * the cluster-mode spark-defaults.conf and pod templates, and runs Spark's spark-submit with them
 * against the API server the generated spark.master names. Where the proxy finds a tenant's files is
 * decided by the launcher only.
 */
export function launchFromProxy(ctx: E2eContext, proxyPod: PodJson, tenant: string, app: SparkApp): CommandResult {
  const container = proxyPod.spec.containers[0].name;
  try {
    return ctx.cluster.admin.run(['exec', '-n', proxyPod.metadata.namespace!, proxyPod.metadata.name, '-c', container, '--',
      IMAGE_LAYOUT.bootstrap, 'launch', tenant, ...Object.entries(app.conf ?? {}).flatMap(([k, v]) => ['--conf', `${k}=${v}`]), '--name', app.name, '--class', app.mainClass, app.resource, ...(app.args ?? [])], undefined, LAUNCH_TIMEOUT_MS);
  } catch (error) {
    // kubectl killed after LAUNCH_TIMEOUT_MS: a launch that failed, said as such.
    if (!(error instanceof HarnessError)) throw error;
    return { status: null, stdout: '', stderr: error.message };
  }
}
