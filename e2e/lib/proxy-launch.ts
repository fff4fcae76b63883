import { PROXY_TENANT_CONF_SUBDIR, PROXY_TENANTS_DIR } from '../../src/constructs/proxy';
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
}

const SPARK_SUBMIT = `${IMAGE_LAYOUT.sparkHome}/bin/spark-submit`;
const LAUNCH_TIMEOUT_MS = 240_000;

/**
 * The proxy launching an application into a tenant namespace, from inside its own pod: Spark's
 * spark-submit in the proxy container, as the pod's ServiceAccount (the token the kubelet mounts),
 * against the API server the generated spark.master names, with the tenant's generated cluster-mode
 * files (its conf folder as SPARK_CONF_DIR, as src/constructs/proxy.ts lays them out) and nothing
 * else. Where the proxy finds a tenant's files is decided here only.
 */
export function launchFromProxy(ctx: E2eContext, proxyPod: PodJson, tenant: string, app: SparkApp): CommandResult {
  const confDir = `${PROXY_TENANTS_DIR}/${tenant}/${PROXY_TENANT_CONF_SUBDIR}`;
  const container = proxyPod.spec.containers[0].name;
  try {
    return ctx.cluster.admin.run(['exec', '-n', proxyPod.metadata.namespace!, proxyPod.metadata.name, '-c', container, '--',
      'env', `SPARK_CONF_DIR=${confDir}`, SPARK_SUBMIT, '--properties-file', `${confDir}/spark-defaults.conf`,
      '--name', app.name, '--class', app.mainClass, app.resource, ...(app.args ?? [])], undefined, LAUNCH_TIMEOUT_MS);
  } catch (error) {
    // kubectl killed after LAUNCH_TIMEOUT_MS: a launch that failed, said as such.
    if (!(error instanceof HarnessError)) throw error;
    return { status: null, stdout: '', stderr: error.message };
  }
}
