import * as fs from 'fs';
import * as path from 'path';
import { mergeHostAliases } from '../../src/pod/role-pod';
import { quantityValue } from '../../src/spark/driver-resources';
import { FRAGMENT_PROPERTIES, LaunchFragment } from '../../src/spark/launch-fragments';
import { parse as parseProperties } from 'dot-properties';
import { escapePropertiesValue } from '../../src/spark/spark-defaults';
import { E2eContext, REPO } from '../lib/context';
import { ServiceAccountIdentity } from '../lib/identities';
import { containerView, materialize, namespaceObjectsFromApi, PodJson } from '../lib/pod-view';
import { HostAliasList, sameHostAliases, writeKubeletHosts } from '../lib/kubelet-hosts';
import { HarnessError, run, sleep } from '../lib/processes';
import { stepsJar } from '../lib/steps-jar';
import { Tools } from '../lib/tools';

type SparkRelease = Tools['spark'][number];

/** Spark pods the suite read back from the API server, for the file checks that follow. */
export interface SparkPods {
  readonly drivers: PodJson[];
  readonly executors: PodJson[];
}

const SUBMIT_TIMEOUT_MS = 180_000;
const EXECUTOR_WAIT_MS = 120_000;
/** The application the proxy launches in the suite; Spark never runs it (no node), only submits it. */
const CLUSTER_APP = { mainClass: 'org.apache.spark.examples.SparkPi', resource: 'local:///opt/spark/examples/jars/spark-examples.jar' };
const STAND_IN_CLASS = 'dev.sparktenancy.e2e.StandInEngine';

/** Compiles the stand-in engine application against one Spark release's jars. */
export function buildStandIn(ctx: E2eContext, spark: SparkRelease): string {
  const out = path.join(ctx.work, `standin-${spark.version}`);
  fs.mkdirSync(path.join(out, 'classes'), { recursive: true });
  const source = path.join(REPO, 'e2e', 'spark', 'standin', 'dev', 'sparktenancy', 'e2e', 'StandInEngine.java');
  const compiled = run('javac', ['-d', path.join(out, 'classes'), '-cp', path.join(spark.home, 'jars', '*'), source]);
  if (compiled.status !== 0) throw new HarnessError(`javac of the stand-in engine against Spark ${spark.version}: ${compiled.stderr}`);
  const jar = path.join(out, 'lib', 'spark-tenancy-e2e-engine.jar');
  fs.mkdirSync(path.dirname(jar), { recursive: true });
  const packed = run('jar', ['cf', jar, '-C', path.join(out, 'classes'), '.']);
  if (packed.status !== 0) throw new HarnessError(`jar: ${packed.stderr}`);
  return path.dirname(path.dirname(jar));
}

/**
 * What the proxy pod runs to launch an engine: `bootstrap.sh launch <tenant> ARGS...` with the proxy
 * container's env (its paths moved under a scratch root), its files (its config-sync run for real), and a
 * ServiceAccount folder with the proxy's own TokenRequest token and the cluster CA, as the kubelet mounts
 * them. The launcher reads the tenant's Spark ConfigMap from the real API server with that token and runs
 * Spark's own SparkSubmit (whose client reads the same identity from KUBECONFIG). The one place the suite
 * knows how the proxy launches; returns where the launcher wrote the tenant's files.
 */
export function launchAsProxy(
  ctx: E2eContext,
  spark: SparkRelease,
  proxyPod: PodJson,
  proxy: ServiceAccountIdentity,
  tenant: string,
  args: readonly string[],
  root: string,
): { result: ReturnType<typeof run>; tenantDir: string } {
  const view = containerView(proxyPod, namespaceObjectsFromApi(ctx, proxyPod.metadata.namespace!));
  const relocate = materialize(view, root);
  const env = containerEnv(proxyPod);
  const tenantsDir = path.join(root, env.SPARK_TENANCY_TENANTS_DIR ?? '/opt/spark-tenancy/tenants');
  const serviceAccountDir = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
  fs.mkdirSync(serviceAccountDir, { recursive: true });
  fs.writeFileSync(path.join(serviceAccountDir, 'token'), ctx.cluster.admin.createToken(proxy.namespace, proxy.name), { mode: 0o600 });
  fs.copyFileSync(ctx.cluster.pki.caCert, path.join(serviceAccountDir, 'ca.crt'));
  const launchConf = stepsLaunchConf(ctx, tenant, env.SPARK_TENANCY_SPARK_CONFIGMAP, proxyPod, root, relocate);
  const result = run('sh', [path.join(REPO, 'image', 'bootstrap.sh'), 'launch', tenant, ...launchConf, ...args], {
    env: {
      ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, relocate(v)])),
      ...sparkEnv(ctx, spark, proxy.kubeconfig),
      SPARK_TENANCY_TENANTS_DIR: tenantsDir,
      SERVICE_ACCOUNT_DIR: serviceAccountDir,
    },
    timeout: SUBMIT_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  return { result, tenantDir: path.join(tenantsDir, tenant) };
}

/**
 * What the launch here needs beyond the pod's own for spark-tenancy's feature steps, which read the
 * launching pod's files and hosts file: the proxy pod's /etc/hosts as the kubelet writes it, and the
 * engine fragment with its sources where the test keeps the proxy's files (read from the tenant's
 * ConfigMap, as the launcher reads it). Nothing with `delivery: podTemplates`.
 */
function stepsLaunchConf(
  ctx: E2eContext,
  tenant: string,
  configMap: string | undefined,
  proxyPod: PodJson,
  root: string,
  relocate: (text: string) => string,
): string[] {
  const found = configMap ? ctx.cluster.admin.run(['get', 'configmap', '-n', tenant, configMap, '-o', 'json']) : undefined;
  if (!found || found.status !== 0) return [];
  const defaults = parseProperties(String(JSON.parse(found.stdout).data?.['cluster-spark-defaults.conf'] ?? '')) as Record<string, string>;
  const fragment = defaults[FRAGMENT_PROPERTIES.engine];
  if (fragment === undefined) return [];
  const hosts = writeKubeletHosts(path.join(root, 'etc', 'hosts'), proxyPod.spec.hostAliases ?? []);
  return ['--conf', `spark.tenancy.hostsFile=${hosts}`, '--conf', `${FRAGMENT_PROPERTIES.engine}=${relocateFragment(fragment, relocate)}`];
}

/** A fragment whose inline files' sources are where the test keeps the launching pod's files. */
function relocateFragment(json: string, relocate: (text: string) => string): string {
  const fragment = JSON.parse(json) as LaunchFragment;
  return JSON.stringify({ ...fragment, inlineFiles: fragment.inlineFiles.map(f => ({ ...f, source: relocate(f.source) })) });
}

/** The fragment of `role` in a spark-defaults.conf text, if the launch uses the feature steps. */
function fragmentIn(defaults: string, role: 'engine' | 'executor'): LaunchFragment | undefined {
  const value = (parseProperties(defaults) as Record<string, string>)[FRAGMENT_PROPERTIES[role]];
  return value === undefined ? undefined : (JSON.parse(value) as LaunchFragment);
}

/**
 * Cluster mode, as the proxy launches an engine (`launchAsProxy`): Spark's own SparkSubmit with the
 * tenant's generated spark-defaults.conf and pod templates, read from the tenant's namespace at launch.
 */
export async function submitClusterMode(
  ctx: E2eContext,
  spark: SparkRelease,
  proxyPod: PodJson,
  proxy: ServiceAccountIdentity,
  tenant: string,
  engineServiceAccount: string,
): Promise<PodJson | undefined> {
  const label = `Spark ${spark.version} cluster-mode submit into ${tenant} as ${proxy.namespace}/${proxy.name}`;
  const root = path.join(ctx.work, `proxy-${spark.version}-${tenant}`);
  const before = new Set(ctx.cluster.admin.list('pods', tenant, 'spark-role=driver').map(p => p.metadata.name));
  const started = Date.now();
  const { result: submit, tenantDir } = launchAsProxy(
    ctx,
    spark,
    proxyPod,
    proxy,
    tenant,
    ['--name', `e2e-${tenant}`, '--class', CLUSTER_APP.mainClass, CLUSTER_APP.resource],
    root,
  );
  const seconds = (Date.now() - started) / 1000;
  const timedOut = submit.status === null;
  const drivers = ctx.cluster.admin.list('pods', tenant, 'spark-role=driver').filter(p => !before.has(p.metadata.name)) as PodJson[];
  const ok = ctx.report.check(
    `${label}: exits 0 (${seconds.toFixed(1)} s)`,
    submit.status === 0,
    timedOut
      ? `spark-submit did not return within ${SUBMIT_TIMEOUT_MS / 1000} s (it waits for the application unless spark.kubernetes.submission.waitAppCompletion=false)\n${sparkError(submit.stderr)}`
      : `exit ${submit.status}\n${sparkError(submit.stderr)}`,
  );
  const driver = drivers[0];
  ctx.report.check(
    `${label}: the driver pod exists in ${tenant}`,
    driver !== undefined,
    `no new spark-role=driver pod in ${tenant}${ok ? '' : ' (Spark deletes the driver pod when a later step of the submission fails)'}`,
  );
  ctx.report.data.spark.push({ version: spark.version, tenant, mode: 'cluster', ok: ok && driver !== undefined, driverPods: drivers.length, executorPods: 0 });
  if (!driver) return undefined;
  const defaults = path.join(tenantDir, 'conf', 'spark-defaults.conf');
  const fragment = fs.existsSync(defaults) ? fragmentIn(fs.readFileSync(defaults, 'utf8'), 'engine') : undefined;
  if (fragment) {
    // The engine gets the proxy's host aliases as the proxy pod has them now, then the tenant's own.
    const aliases = mergeHostAliases(aliasSpecs(proxyPod.spec.hostAliases), aliasSpecs(fragment.hostAliases));
    checkStepsApplied(ctx, `${label}: driver pod ${driver.metadata.name}`, driver, fragment, aliases, engineServiceAccount);
  } else {
    const template = readTemplate(tenantDir, 'pod-templates/driver-template.yaml');
    checkTemplateKept(ctx, `${label}: driver pod ${driver.metadata.name}`, driver, template, engineServiceAccount);
  }
  // The keytab is delivered by the template; Spark must not have uploaded the proxy's copy.
  const uploaded = ctx.cluster.admin
    .list('secrets', tenant)
    .filter(s => s.metadata.name.endsWith('-kerberos-keytab'))
    .map(s => s.metadata.name);
  ctx.report.check(`${label}: no keytab Secret uploaded by spark-submit`, uploaded.length === 0, `Spark created ${uploaded.join(', ')}`);
  // Spark sizes the driver from spark.driver.memory + overhead; it must get the engine's memory.
  const engine = ctx.cluster.admin.list('pods', tenant, 'app.kubernetes.io/component=engine')[0] as PodJson | undefined;
  const want = (engine?.spec.containers[0] as { resources?: { limits?: { memory?: string } } } | undefined)?.resources?.limits?.memory;
  const got = (driver.spec.containers[0] as { resources?: { limits?: { memory?: string } } }).resources?.limits?.memory;
  ctx.report.check(
    `${label}: the driver's memory limit ${got} is the engine's ${want}`,
    want !== undefined && got !== undefined && quantityValue(got) === quantityValue(want),
    `driver limit ${got}, engine limit ${want}`,
  );
  return driver;
}

/**
 * Client mode, as the engine container starts: the engine pod's own config-sync run for real, then
 * `bootstrap.sh engine` with the container's env (the downward API's POD_NAME is the name of the
 * engine Deployment's real Pod in the API server) and the engine ServiceAccount's token; the
 * stand-in application opens a SparkSession and waits until the suite has seen its executor pods.
 */
export async function runClientModeEngine(
  ctx: E2eContext,
  spark: SparkRelease,
  enginePod: PodJson,
  engine: ServiceAccountIdentity,
  standInHome: string,
  expected: { executorServiceAccount: string; roleEnv: string },
): Promise<PodJson[]> {
  const tenant = enginePod.metadata.namespace!;
  const label = `Spark ${spark.version} client-mode engine in ${tenant} as ${engine.namespace}/${engine.name}`;
  const root = path.join(ctx.work, `engine-${spark.version}-${tenant}`);
  const view = containerView(enginePod, namespaceObjectsFromApi(ctx, tenant));
  const relocate = materialize(view, root);
  const env = containerEnv(enginePod);
  const confDir = env.SPARK_CONF_DIR ?? '/opt/spark/conf';
  const defaults = path.join(root, confDir, 'spark-defaults.conf');
  const hosts = writeKubeletHosts(path.join(root, 'etc', 'hosts'), enginePod.spec.hostAliases ?? []);
  const generated = fs.existsSync(defaults) ? fs.readFileSync(defaults, 'utf8') : '';
  if (generated !== '') fs.writeFileSync(defaults, `${relocateProperties(generated, relocate)}spark.tenancy.hostsFile ${hosts}\n`);
  const executorFragment = fragmentIn(generated, 'executor');
  const stopFile = path.join(root, 'stop-engine');
  const processEnv: NodeJS.ProcessEnv = {
    ...sparkEnv(ctx, spark, engine.kubeconfig),
    // The engine's own env, its paths where the test keeps its files.
    ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, relocate(v)])),
    APP_HOME: standInHome,
    ENGINE_MAIN_CLASS: STAND_IN_CLASS,
    E2E_STOP_FILE: stopFile,
    E2E_WAIT_SECONDS: String(EXECUTOR_WAIT_MS / 1000 + 30),
  };
  const args = enginePod.spec.containers[0].args ?? [];
  const { spawn } = await import('child_process');
  const log = path.join(root, 'engine.log');
  const out = fs.openSync(log, 'w');
  const child = spawn('sh', [path.join(REPO, 'image', 'bootstrap.sh'), ...args], { env: processEnv, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
  let status: number | null | undefined;
  void exited.then(code => {
    status = code;
  });

  let executors: PodJson[] = [];
  const deadline = Date.now() + EXECUTOR_WAIT_MS;
  while (Date.now() < deadline && status === undefined) {
    executors = ctx.cluster.admin.list('pods', tenant, 'spark-role=executor') as PodJson[];
    // The stand-in prints the executor count the driver really got from its properties.
    const instances = Number(/^standin: spark\.executor\.instances=(\d+)$/m.exec(fs.readFileSync(log, 'utf8'))?.[1] ?? 0);
    if (instances > 0 && executors.length >= instances) break;
    await sleep(500);
  }
  // Read while the driver runs (it deletes them when it stops).
  const confMaps = ctx.cluster.admin.list('configmaps', tenant).filter(c => /^spark-exec-.*-conf-map$/.test(c.metadata.name));
  fs.writeFileSync(stopFile, '');
  const code = await Promise.race([exited, sleep(60_000).then(() => 'timeout' as const)]);
  if (code === 'timeout' && child.pid) process.kill(-child.pid, 'SIGKILL');
  const output = fs.readFileSync(log, 'utf8');
  const ok = ctx.report.check(
    `${label}: the engine opened its SparkSession and stopped cleanly`,
    code === 0 && /standin: session open/.test(output),
    `exit ${code}\n${sparkError(output)}`,
  );
  const owned = executors.filter(p => (p.metadata.ownerReferences ?? []).some(o => o.uid === enginePod.metadata.uid));
  ctx.report.check(
    `${label}: executor pods created in ${tenant} (${executors.length})`,
    executors.length > 0,
    `no spark-role=executor pod in ${tenant}\n${sparkError(output)}`,
  );
  ctx.report.check(
    `${label}: every executor pod is owned by the engine pod ${enginePod.metadata.name}`,
    executors.length > 0 && owned.length === executors.length,
    `owner references: ${executors.map(p => `${p.metadata.name} → ${JSON.stringify(p.metadata.ownerReferences ?? [])}`).join('; ')}`,
  );
  // Pod templates sit outside SPARK_CONF_DIR, so Spark does not copy them into every executor's ConfigMap.
  const copied = confMaps.flatMap(c =>
    Object.keys((c.data as Record<string, string> | undefined) ?? {})
      .filter(k => k.endsWith('.yaml'))
      .map(k => `${c.metadata.name}/${k}`),
  );
  ctx.report.check(
    `${label}: the executors' spark-exec-*-conf-map holds no pod template`,
    confMaps.length > 0 && copied.length === 0,
    confMaps.length === 0 ? 'no spark-exec-*-conf-map was seen while the driver ran' : `copied: ${copied.join(', ')}`,
  );
  const template = executorFragment ? undefined : readExecutorTemplate(output, root);
  for (const executor of executors) {
    const what = `${label}: executor pod ${executor.metadata.name}`;
    if (executorFragment) {
      // Executors get the engine's host aliases (its pod's), then the tenant's own.
      const aliases = mergeHostAliases(aliasSpecs(enginePod.spec.hostAliases), aliasSpecs(executorFragment.hostAliases));
      checkStepsApplied(ctx, what, executor, executorFragment, aliases, expected.executorServiceAccount);
    } else checkTemplateKept(ctx, what, executor, template, expected.executorServiceAccount);
    const container = executor.spec.containers[0];
    ctx.report.check(
      `${label}: executor pod ${executor.metadata.name} carries the role variable ${expected.roleEnv}`,
      (container.env ?? []).some(e => e.name === expected.roleEnv),
      `env: ${(container.env ?? []).map(e => e.name).join(', ')}`,
    );
    ctx.report.check(
      `${label}: executor pod ${executor.metadata.name} mounts no ServiceAccount token`,
      executor.spec.automountServiceAccountToken === false,
      `automountServiceAccountToken: ${executor.spec.automountServiceAccountToken}`,
    );
  }
  ctx.report.data.spark.push({
    version: spark.version,
    tenant,
    mode: 'client',
    ok: ok && executors.length > 0 && owned.length === executors.length,
    driverPods: 1,
    executorPods: executors.length,
  });
  return executors;
}

/** The env a pod's main container gets, with downward API values filled in as the kubelet would. */
function containerEnv(pod: PodJson): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of pod.spec.containers[0].env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    const field = e.valueFrom?.fieldRef?.fieldPath;
    if (field === 'metadata.name') env[e.name] = pod.metadata.name;
    if (field === 'metadata.namespace') env[e.name] = pod.metadata.namespace!;
    if (field === 'status.podIP') env[e.name] = '127.0.0.1';
  }
  return env;
}

/** Process env for Spark: its SPARK_HOME, the identity's kubeconfig, and the API server as the kubelet announces it. */
function sparkEnv(ctx: E2eContext, spark: SparkRelease, kubeconfig: string): NodeJS.ProcessEnv {
  const server = new URL(ctx.cluster.server);
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    JAVA_HOME: process.env.JAVA_HOME,
    SPARK_HOME: spark.home,
    // The feature steps on Spark's classpath, as the image has them among Spark's jars.
    SPARK_DIST_CLASSPATH: stepsJar(),
    KUBECONFIG: kubeconfig,
    KUBERNETES_SERVICE_HOST: server.hostname,
    KUBERNETES_SERVICE_PORT: server.port,
  };
}

/**
 * Rewrites, in the engine's (client-mode) spark-defaults.conf, the paths that the process run here
 * reads from its own file system, to where the test keeps the pod's files; the executors' settings and
 * `local://` URIs, which other pods read, stay as generated. (Cluster mode needs none: the launcher
 * writes the tenant's files where it runs, and names the templates' paths itself.)
 */
export function relocateProperties(text: string, relocate: (text: string) => string): string {
  return text
    .split('\n')
    .map(line => {
      const space = line.indexOf(' ');
      if (line.startsWith('#') || space < 0) return line;
      const key = line.slice(0, space);
      const value = line.slice(space + 1);
      // ExecutorSetup runs in this engine: it reads the executors' files from here.
      if (key === FRAGMENT_PROPERTIES.executor) {
        return `${key} ${escapePropertiesValue(relocateFragment((parseProperties(line) as Record<string, string>)[key], relocate))}`;
      }
      const readHere = !key.startsWith('spark.executor.') && !key.startsWith('spark.executorEnv.');
      return readHere && !value.startsWith('local://') ? `${key} ${relocate(value)}` : line;
    })
    .join('\n');
}

function readTemplate(root: string, podPath: string | undefined): PodJson | undefined {
  if (!podPath) return undefined;
  const file = path.join(root, podPath);
  return fs.existsSync(file) ? (require('yaml').parse(fs.readFileSync(file, 'utf8')) as PodJson) : undefined;
}

function readExecutorTemplate(output: string, root: string): PodJson | undefined {
  const file = /^standin: spark\.kubernetes\.executor\.podTemplateFile=(.+)$/m.exec(output)?.[1];
  if (!file || !file.startsWith(root) || !fs.existsSync(file)) return undefined;
  return require('yaml').parse(fs.readFileSync(file, 'utf8')) as PodJson;
}

/** What Spark must keep from a template: config-sync, the template's volumes, host aliases, the ServiceAccount. */
function checkTemplateKept(ctx: E2eContext, label: string, pod: PodJson, template: PodJson | undefined, serviceAccount: string): void {
  ctx.report.check(
    `${label} was admitted with the config-sync init container`,
    (pod.spec.initContainers ?? []).some(c => c.name === 'config-sync'),
    `init containers: ${(pod.spec.initContainers ?? []).map(c => c.name).join(', ') || 'none'}`,
  );
  ctx.report.check(
    `${label} runs as the ServiceAccount ${serviceAccount}`,
    pod.spec.serviceAccountName === serviceAccount,
    `serviceAccountName: ${pod.spec.serviceAccountName}`,
  );
  if (!template) {
    ctx.report.check(`${label}: its pod template was found`, false, 'the template file was not where spark-defaults.conf points');
    return;
  }
  const volumes = new Set((pod.spec.volumes ?? []).map(v => v.name));
  const missing = (template.spec.volumes ?? []).map(v => v.name).filter(v => !volumes.has(v));
  ctx.report.check(`${label} keeps every volume of its template`, missing.length === 0, `missing: ${missing.join(', ')}`);
  ctx.report.check(
    `${label} keeps the template's host aliases`,
    JSON.stringify(pod.spec.hostAliases ?? []) === JSON.stringify(template.spec.hostAliases ?? []),
    `pod: ${JSON.stringify(pod.spec.hostAliases)}; template: ${JSON.stringify(template.spec.hostAliases)}`,
  );
}

/**
 * What spark-tenancy's steps must have added to a pod Spark built: config-sync, every volume of the
 * fragment, the host aliases of the launching pod followed by the tenant's, the ServiceAccount.
 */
function checkStepsApplied(ctx: E2eContext, label: string, pod: PodJson, fragment: LaunchFragment, aliases: HostAliasList, serviceAccount: string): void {
  ctx.report.check(
    `${label} was admitted with the config-sync init container its feature step added`,
    (pod.spec.initContainers ?? []).some(c => c.name === 'config-sync'),
    `init containers: ${(pod.spec.initContainers ?? []).map(c => c.name).join(', ') || 'none'}`,
  );
  ctx.report.check(
    `${label} runs as the ServiceAccount ${serviceAccount}`,
    pod.spec.serviceAccountName === serviceAccount,
    `serviceAccountName: ${pod.spec.serviceAccountName}`,
  );
  const volumes = new Set((pod.spec.volumes ?? []).map(v => v.name));
  const missing = (fragment.volumes as { name: string }[]).map(v => v.name).filter(v => !volumes.has(v));
  ctx.report.check(`${label} has every volume of its ${fragment.role} fragment`, missing.length === 0, `missing: ${missing.join(', ')}`);
  ctx.report.check(
    `${label} has the launching pod's host aliases, then the tenant's`,
    sameHostAliases(pod.spec.hostAliases, aliases),
    `pod: ${JSON.stringify(pod.spec.hostAliases)}; expected: ${JSON.stringify(aliases)}`,
  );
}

/** Host aliases as the spec writes them, from a pod's or a fragment's. */
function aliasSpecs(aliases: readonly { ip?: string; hostnames?: string[] }[] | undefined): { ip: string; hostnames: string[] }[] {
  return (aliases ?? []).map(a => ({ ip: a.ip ?? '', hostnames: a.hostnames ?? [] }));
}

/** The lines of Spark's output that say what went wrong (exceptions and their causes), not the whole log. */
function sparkError(output: string): string {
  const lines = output.split('\n');
  const interesting = lines.filter(l => /Exception|Error|error:|Caused by|Forbidden|denied|bootstrap:|standin:/.test(l));
  return (interesting.length > 0 ? interesting : lines).slice(-12).join('\n');
}
