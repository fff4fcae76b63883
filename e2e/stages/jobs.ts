import * as fs from 'fs';
import * as path from 'path';
import { parse as parseProperties } from 'dot-properties';
import { parseAllDocuments } from 'yaml';
import { objectNames } from '../../src/names';
import { mergeHostAliases } from '../../src/pod/role-pod';
import { loadPlatformFile } from '../../src/platform-spec/loader';
import { Platform } from '../../src/platform-spec/platform';
import { HostAliasSpec, Role } from '../../src/platform-spec/types';
import { CONTENT_HASH_ANNOTATION, FRAGMENT_PROPERTIES, LaunchFragment } from '../../src/spark/launch-fragments';
import { CLUSTER_SPARK_DEFAULTS_KEY } from '../../src/spark/pod-templates';
import { E2eContext } from '../lib/context';
import { BuiltImage, importImage } from '../lib/image';
import { pointSpecAtKdc, startKdc } from '../lib/kdc';
import { KubeObject } from '../lib/kubectl';
import { sameHostAliases } from '../lib/kubelet-hosts';
import { podsOutside } from '../lib/namespaces';
import { parseProbe, probeCommand, probeProblems } from '../lib/pod-probe';
import { namespaceObjectsFromApi } from '../lib/pod-view';
import { NODE_TAINT, NodeHandle } from '../lib/node';
import { describePod } from '../lib/pod-phase';
import { podInPhase, podsInPhase, PodWithStatus } from '../lib/pod-wait';
import { launchFromProxy, SparkApp } from '../lib/proxy-launch';
import { CommandResult, Daemons, HarnessError, sleep } from '../lib/processes';
import { NODE_SIZES, nodeSizedSpec, synthInto, writeSpecVariant } from '../lib/spec-variants';
import { secretsFromController } from '../lib/external-secrets';
import { FIELD_MANAGER } from './apply';
import { expectedFiles } from './files';

/** The roles of the pods the jobs look into (a cluster-mode driver is the engine, with the engine's files). */
type PodRole = 'proxy' | 'engine' | 'driver' | 'executor';

/** The variant's namespaces: beside the example's, which earlier stages applied to the same cluster. */
const PREFIX = 'j-';
/** Another Spark line's variant (otherSparkLine). */
const OTHER_LINE_PREFIX = 'k-';
const KDC_HOST = 'kdc.example.com';
/** The file the config change edits: engine-only, read by Spark at start (spark.scheduler.allocation.file), so a broken edit would show. */
const CHANGED_FILE = 'fair-scheduler.xml';
const POD_START_MS = 300_000;
const JOB_MS = 300_000;
const GONE_MS = 120_000;
const EXEC_MS = 60_000;
/** The Pi job's partitions (200,000 samples each): some seconds of work on one executor core, so its executors live long enough to be looked into. */
const PI_PARTITIONS = '2000';
/** The stand-in engine's job (e2e/spark/standin): sum(1..n), whose answer is n(n+1)/2. */
const STANDIN_JOB = /^standin: job sum\(1\.\.(\d+)\)=(\d+) in \d+ tasks on (\d+) executor\(s\)/m;

interface Generation {
  readonly platform: Platform;
  readonly dist: string;
}

/**
 * The jobs on the real node, one tenant at a time (so every JVM fits the node): the example resized
 * for it (NODE_SIZES) with its host aliases on a KDC the suite serves on its node network, applied
 * namespace by namespace; in each tenant the engine Deployment's own client-mode job, then a SparkPi the
 * proxy launches from its pod; in the first, also the engine's executors garbage-collected with it and
 * a config change rolling it. Every pod is looked into (files, uid, role variable, /etc/hosts).
 */
export async function runJobs(ctx: E2eContext, daemons: Daemons, node: NodeHandle, image: BuiltImage, others: readonly BuiltImage[] = []): Promise<void> {
  const { report } = ctx;
  report.begin(`jobs on the node, Spark ${image.spark}`);
  report.data.node ??= { ...node.versions, pods: [] };
  // The spec's image name, as a registry would serve it: the generated manifests run unchanged.
  // importImage throws (a harness failure) when containerd refuses the image.
  importImage(node.containerdSocket, image);
  report.milestone(`the unified image imported into the node's containerd as ${image.ref} (${image.digest})`);
  if (!nodeIsOurs(ctx)) return;
  // The generated pods carry no toleration for the node's taint: lifted for the jobs, put back after.
  node.untaint();
  try {
    await tenantsInTurn(ctx, daemons, node, image);
    for (const other of others) await otherSparkLine(ctx, daemons, node, other);
  } finally {
    ctx.cluster.admin.run(['taint', 'node', node.name, `${NODE_TAINT.key}:${NODE_TAINT.effect}`, '--overwrite']);
  }
}

async function tenantsInTurn(ctx: E2eContext, daemons: Daemons, node: NodeHandle, image: BuiltImage): Promise<void> {
  const { report } = ctx;
  const dir = path.join(ctx.work, 'jobs');
  const specFile = await writeJobsSpec(ctx, daemons, node.network.hostIp, dir);
  let gen = synthGeneration(specFile, path.join(dir, 'dist'));
  const proxyNamespace = gen.platform.spec.proxy.namespace;
  const tenants = gen.platform.spec.tenants.map(t => t.namespace);

  if (!applyNamespace(ctx, gen, proxyNamespace)) return;
  await secretsFromController(ctx, daemons, gen.platform, [proxyNamespace]);
  const proxyPod: PodWithStatus | undefined = await runningPod(ctx, proxyNamespace, 'app.kubernetes.io/component=proxy', 'the proxy pod');
  if (proxyPod) await lookInside(ctx, gen.platform, proxyPod, 'proxy');

  // Host aliases the proxy pod has beyond the spec's, once the jobs changed its Deployment (none before).
  let addedAliases: HostAliasSpec[] = [];
  let launcher = proxyPod;
  for (const [i, tenant] of tenants.entries()) {
    const applied = Date.now();
    if (!applyNamespace(ctx, gen, tenant)) continue;
    await secretsFromController(ctx, daemons, gen.platform, [tenant]);
    let engine = await clientJob(ctx, gen, tenant, applied);
    if (i === 0 && engine) {
      engine = await garbageCollection(ctx, tenant, engine);
      if (engine) {
        gen = synthGeneration(changedSpec(specFile, path.join(dir, 'changed')), path.join(dir, 'changed', 'dist'));
        await configChangeRolls(ctx, gen, tenant, engine);
        // With the feature steps the proxy holds the engines' files it hands to EngineSetup (the seed's
        // design): it rolls with the new file, and the next engine gets it from there. The Pi job
        // below checks it inside the driver.
        if (launcher) launcher = await proxyRolls(ctx, gen, launcher);
      }
    }
    await scaleEngineDown(ctx, gen, tenant);
    if (!launcher) {
      report.check(`the Pi job into ${tenant}: the proxy pod runs`, false, 'no running proxy pod to launch from');
      continue;
    }
    if (i === 0) await badLaunchesRefused(ctx, gen, launcher, tenant, image);
    if (gen.platform.spec.tenants[i].transport === 'objects') await namespaceStepRefuses(ctx, gen, launcher, tenant, image);
    if (i === 1) {
      // EngineSetup reads the proxy's host aliases at launch: a change to the proxy's Deployment alone reaches the next engine.
      addedAliases = [ADDED_PROXY_ALIAS];
      launcher = await proxyAliasesChanged(ctx, gen, launcher);
      if (!launcher) continue;
    }
    await clusterJob(ctx, gen, launcher, tenant, image, addedAliases);
  }
}

/**
 * Another Spark line (4.x) on the node, in the image built for it: the example renamed `k-`, the
 * proxy and the first tenant applied; the engine's client-mode job (ExecutorSetup in the engine's
 * JVM) and the Pi job the proxy launches (EngineSetup in the proxy's spark-submit, ExecutorSetup in the
 * driver), every pod looked into. The first line's proxy is scaled down first, to leave the node's CPUs
 * to this one.
 */
async function otherSparkLine(ctx: E2eContext, daemons: Daemons, node: NodeHandle, image: BuiltImage): Promise<void> {
  const { report, cluster } = ctx;
  report.begin(`jobs on the node, Spark ${image.spark}`);
  importImage(node.containerdSocket, image);
  report.milestone(`the image for Spark ${image.spark} imported into the node's containerd as ${image.ref} (${image.digest})`);
  for (const ns of cluster.admin
    .list('namespaces')
    .map(n => n.metadata.name)
    .filter(n => n.startsWith(PREFIX))) {
    cluster.admin.run(['scale', 'deployment', '--all', '-n', ns, '--replicas=0']);
  }
  const dir = path.join(ctx.work, `jobs-${image.spark}`);
  const specFile = await writeJobsSpec(ctx, daemons, node.network.hostIp, dir, OTHER_LINE_PREFIX, image.ref);
  const gen = synthGeneration(specFile, path.join(dir, 'dist'));
  const proxyNamespace = gen.platform.spec.proxy.namespace;
  const tenant = gen.platform.spec.tenants[0].namespace;
  if (!applyNamespace(ctx, gen, proxyNamespace)) return;
  await secretsFromController(ctx, daemons, gen.platform, [proxyNamespace]);
  const proxyPod = await runningPod(ctx, proxyNamespace, 'app.kubernetes.io/component=proxy', `the proxy pod (Spark ${image.spark})`);
  const applied = Date.now();
  if (!applyNamespace(ctx, gen, tenant)) return;
  await secretsFromController(ctx, daemons, gen.platform, [tenant]);
  await clientJob(ctx, gen, tenant, applied);
  await scaleEngineDown(ctx, gen, tenant);
  if (proxyPod) await clusterJob(ctx, gen, proxyPod, tenant, image, []);
}

/**
 * The node must be the jobs' alone: every earlier stage removed what it made (a pod of theirs, bound or
 * waiting, would race the jobs' pods for the node's CPUs once the taint is lifted). A failed check
 * names each pod found, and the jobs do not start.
 */
function nodeIsOurs(ctx: E2eContext): boolean {
  const others = podsOutside(ctx, ns => ns.startsWith(PREFIX) || ns.startsWith(OTHER_LINE_PREFIX));
  return ctx.report.check(
    "the node holds no pod but the jobs' own (no other pod in the cluster, bound or pending)",
    others.length === 0,
    `found: ${others.join(', ')}`,
  );
}

/**
 * The example as the node runs it (nodeSizedSpec), renamed beside the example, with a real KDC on the
 * node's host address: every host alias points at it, krb5.conf names it, the keytab is its export.
 */
async function writeJobsSpec(ctx: E2eContext, daemons: Daemons, hostAddress: string, dir: string, prefix = PREFIX, image?: string): Promise<string> {
  const specDir = path.join(dir, 'spec');
  const sized = nodeSizedSpec(hostAddress);
  const specFile = writeSpecVariant(specDir, {
    rename: ns => `${prefix}${ns}`,
    edit: spec => {
      sized(spec);
      if (image !== undefined) spec.image = image;
      // Every pod Spark creates on the node gets its parts from spark-tenancy's feature steps in the image.
      spec.delivery = 'featureSteps';
    },
  });
  const spec = loadPlatformFile(specFile).spec;
  const principal = spec.kerberos!.principal;
  const kdc = await startKdc(daemons, path.join(dir, 'kdc'), principal.slice(principal.indexOf('@') + 1), hostAddress);
  const keytab = path.join(dir, 'kdc', 'platform.keytab');
  kdc.addPrincipal(principal, keytab);
  pointSpecAtKdc(kdc, specDir, KDC_HOST, keytab);
  ctx.report.milestone(`a KDC on the node network's host end ${kdc.address}:${kdc.port}, where every host alias of the variant points`);
  return specFile;
}

/** The same spec in `dir` with one file changed (CHANGED_FILE gains a pool), for the config change. */
function changedSpec(specFile: string, dir: string): string {
  fs.cpSync(path.dirname(specFile), dir, { recursive: true });
  const file = path.join(dir, 'config', CHANGED_FILE);
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace('</allocations>', '  <pool name="rolled">\n    <weight>1</weight>\n  </pool>\n</allocations>'));
  return path.join(dir, path.basename(specFile));
}

function synthGeneration(specFile: string, dist: string): Generation {
  synthInto(specFile, dist);
  return { platform: loadPlatformFile(specFile), dist };
}

/** One namespace's file of the dist, applied as GitOps applies it. */
function applyNamespace(ctx: E2eContext, gen: Generation, namespace: string): boolean {
  const applied = ctx.cluster.admin.applyServerSide([path.join(gen.dist, `${namespace}.k8s.yaml`)], FIELD_MANAGER);
  return ctx.report.check(`${namespace}.k8s.yaml applied`, applied.status === 0, applied.stderr.trim());
}

async function runningPod(ctx: E2eContext, namespace: string, selector: string, what: string): Promise<PodWithStatus | undefined> {
  const wait = await podsInPhase(ctx, namespace, selector, 'Running', { timeoutMs: POD_START_MS });
  ctx.report.check(`${what} ${namespace}/${wait.pods[0]?.metadata.name ?? '?'} runs on the node (${wait.seconds.toFixed(0)} s)`, wait.ok, wait.detail);
  return wait.ok ? wait.pods[0] : undefined;
}

/**
 * Looks into a running pod's main container: every file its role is declared to receive, with the
 * declared bytes (a secret's as the cluster holds it) and mode; uid; the role variable; /etc/hosts
 * holding the generated host aliases. Adds the pod's row to the report.
 */
async function lookInside(ctx: E2eContext, platform: Platform, pod: PodWithStatus, role: PodRole, addedAliases: HostAliasSpec[] = []): Promise<boolean> {
  const namespace = pod.metadata.namespace!;
  const fileRole: Role = role === 'driver' ? 'engine' : role;
  const tenant = platform.spec.tenants.find(t => t.namespace === namespace);
  const files = expectedFiles(platform, fileRole, namespaceObjectsFromApi(ctx, namespace).secrets);
  const container = pod.spec.containers[0].name;
  const exec = execIn(
    ctx,
    pod,
    probeCommand(
      platform.spec.roleEnv,
      files.map(f => f.path),
    ),
  );
  const problems =
    exec.status === 0
      ? probeProblems(parseProbe(exec.stdout), {
          uid: platform.spec.security?.runAsUser ?? 185,
          roleEnv: platform.spec.roleEnv,
          roleEnvPresent: role === 'executor',
          hostAliases: mergeHostAliases(platform.spec.proxy.hostAliases, addedAliases, tenant?.hostAliases).map(a => ({
            ip: a.ip ?? '',
            hostnames: a.hostnames ?? [],
          })),
          files,
        })
      : [`kubectl exec ${container}: exit ${exec.status}: ${exec.stderr.trim()}`];
  const ok = ctx.report.check(
    `${role} pod ${namespace}/${pod.metadata.name}: all ${files.length} ${fileRole} file(s) at their paths with their bytes and modes, ` +
      `uid, ${platform.spec.roleEnv} and /etc/hosts as generated`,
    problems.length === 0,
    problems.join('\n'),
  );
  ctx.report.data.node?.pods.push({ namespace, pod: pod.metadata.name, role, phase: pod.status?.phase ?? 'Unknown', filesOk: ok });
  return ok;
}

/**
 * The engine Deployment's pod in client mode: it runs, its stand-in main's job completes with the
 * right answer on executors that found it through the headless Service, and the engine and each of
 * its executors (owned by the engine pod) are as generated inside. Returns the engine pod.
 */
async function clientJob(ctx: E2eContext, gen: Generation, tenant: string, since: number): Promise<PodWithStatus | undefined> {
  const label = `client-mode job of the engine in ${tenant}`;
  const engine = await runningPod(ctx, tenant, 'app.kubernetes.io/component=engine', 'the engine pod');
  if (!engine) {
    ctx.report.data.jobs.push({ tenant, mode: 'client', ok: false, seconds: seconds(since) });
    return undefined;
  }
  const job = await engineJob(ctx, engine);
  const ok = ctx.report.check(`${label}: ${job.summary}`, job.ok, job.detail);
  ctx.report.data.jobs.push({ tenant, mode: 'client', ok, seconds: seconds(since) });
  await lookInside(ctx, gen.platform, engine, 'engine');
  for (const executor of await executorsOf(ctx, engine, `the engine ${engine.metadata.name}'s executors`))
    await lookInside(ctx, gen.platform, executor, 'executor');
  return engine;
}

/** Waits (bounded) for the stand-in's job line in the engine's log and judges it. */
async function engineJob(ctx: E2eContext, engine: PodWithStatus): Promise<{ ok: boolean; summary: string; detail: string }> {
  const { admin } = ctx.cluster;
  const namespace = engine.metadata.namespace!;
  const deadline = Date.now() + JOB_MS;
  let log = '';
  for (;;) {
    const result = admin.run(['logs', '-n', namespace, engine.metadata.name, '-c', engine.spec.containers[0].name]);
    log = result.stdout;
    if (STANDIN_JOB.test(log) || Date.now() >= deadline) break;
    await sleep(2000);
  }
  const match = STANDIN_JOB.exec(log);
  if (!match)
    return {
      ok: false,
      summary: 'the job completes',
      detail: `no job line within ${JOB_MS / 1000} s\n${describePod(ctx, namespace, engine.metadata.name, engine)}`,
    };
  const [n, sum, executors] = [BigInt(match[1]), BigInt(match[2]), Number(match[3])];
  const want = (n * (n + 1n)) / 2n;
  return {
    ok: sum === want && executors >= 1,
    summary: `sum(1..${n}) = ${sum} (n(n+1)/2 = ${want}) on ${executors} executor(s)`,
    detail: executors >= 1 ? `the job answered ${sum}` : 'the job ran on no executor',
  };
}

/** The executors an engine or driver pod started: Spark's executor pods owned by it, all running. */
async function executorsOf(ctx: E2eContext, owner: PodWithStatus, what: string): Promise<PodWithStatus[]> {
  const instances = Number(NODE_SIZES.spark['spark.executor.instances']);
  const wait = await podsInPhase(ctx, owner.metadata.namespace!, 'spark-role=executor', 'Running', {
    timeoutMs: POD_START_MS,
    count: instances,
    accept: p => (p.metadata.ownerReferences ?? []).some(o => o.uid === owner.metadata.uid),
  });
  ctx.report.check(
    `${what}: ${instances} executor pod(s) owned by ${owner.metadata.name} run on the node (${wait.seconds.toFixed(0)} s)`,
    wait.ok,
    wait.detail,
  );
  return wait.ok ? wait.pods : [];
}

/**
 * Deleting the engine pod garbage-collects its executors through their owner references. The
 * engine's JVM is stopped (SIGSTOP) first, so that Spark's own clean-up on SIGTERM cannot be what
 * removes them: only the garbage collector can. Returns the engine pod the Deployment makes anew.
 */
async function garbageCollection(ctx: E2eContext, tenant: string, engine: PodWithStatus): Promise<PodWithStatus | undefined> {
  const { admin } = ctx.cluster;
  const label = `deleting the engine pod ${tenant}/${engine.metadata.name}`;
  const executors = admin
    .list('pods', tenant, 'spark-role=executor')
    .filter(p => (p.metadata.ownerReferences ?? []).some(o => o.uid === engine.metadata.uid))
    .map(p => p.metadata.name);
  // The container's only JVM; /proc is the container's own (its PID namespace). Exits 0 only if a
  // JVM was found and every one found was stopped (a loop's status is its last test's otherwise).
  const stop = execIn(ctx, engine, [
    'sh',
    '-c',
    'rc=1; for p in /proc/[0-9]*; do [ "$(cat "$p/comm" 2>/dev/null)" = java ] || continue; ' +
      'kill -STOP "${p#/proc/}" || exit 2; echo "stopped ${p#/proc/}"; rc=0; done; exit $rc',
  ]);
  ctx.report.check(
    `${label}: its JVM stopped first, so Spark cannot delete its executors itself`,
    stop.status === 0 && /stopped \d+/.test(stop.stdout),
    `${stop.stdout}${stop.stderr}`.trim(),
  );
  admin.run(['delete', 'pod', '-n', tenant, engine.metadata.name, '--wait=false', '--grace-period=10']);
  const started = Date.now();
  const left = () =>
    admin
      .list('pods', tenant, 'spark-role=executor')
      .map(p => p.metadata.name)
      .filter(n => executors.includes(n));
  await untilGone(left);
  ctx.report.check(
    `${label}: the garbage collector deleted its ${executors.length} executor pod(s) (${seconds(started)} s)`,
    executors.length > 0 && left().length === 0,
    executors.length === 0 ? 'the engine had no executor pod' : `still there: ${left().join(', ')}`,
  );
  const replacement = await newEnginePod(ctx, tenant, engine, "the Deployment's new engine pod after the deletion");
  if (replacement) {
    const job = await engineJob(ctx, replacement);
    ctx.report.check(`the new engine pod ${replacement.metadata.name}: ${job.summary}`, job.ok, job.detail);
  }
  return replacement;
}

/** A running engine pod of `tenant` other than `old` (bounded wait), checked against what is generated. */
async function newEnginePod(ctx: E2eContext, tenant: string, old: PodWithStatus, what: string, annotation?: string): Promise<PodWithStatus | undefined> {
  const wait = await podsInPhase(ctx, tenant, 'app.kubernetes.io/component=engine', 'Running', {
    timeoutMs: POD_START_MS,
    accept: p => p.metadata.uid !== old.metadata.uid && (annotation === undefined || p.metadata.annotations?.['checksum/config'] === annotation),
  });
  ctx.report.check(`${what} runs (${wait.seconds.toFixed(0)} s)`, wait.ok, wait.detail);
  return wait.ok ? wait.pods[0] : undefined;
}

/**
 * A config change (one file edited, the variant synthesized again) rolls the engine: the new dist's
 * checksum annotation differs, the re-applied Deployment replaces the running pod with one carrying
 * the new checksum, and the new pod holds the new file and runs its job.
 */
async function configChangeRolls(ctx: E2eContext, gen: Generation, tenant: string, engine: PodWithStatus): Promise<void> {
  const label = `changing ${CHANGED_FILE} in ${tenant}`;
  const annotation = engineChecksum(gen, tenant);
  const before = engine.metadata.annotations?.['checksum/config'];
  ctx.report.check(
    `${label}: the new dist's checksum annotation ${annotation?.slice(0, 12)} differs from the running pod's ${before?.slice(0, 12)}`,
    annotation !== undefined && annotation !== before,
  );
  if (!applyNamespace(ctx, gen, tenant)) return;
  const rolled = await newEnginePod(ctx, tenant, engine, `${label}: the engine pod with the new checksum`, annotation);
  if (!rolled) return;
  const gone = !(ctx.cluster.admin.list('pods', tenant, 'app.kubernetes.io/component=engine') as PodWithStatus[]).some(
    p => p.metadata.uid === engine.metadata.uid,
  );
  ctx.report.check(`${label}: the old engine pod ${engine.metadata.name} is gone`, gone);
  await lookInside(ctx, gen.platform, rolled, 'engine');
  const job = await engineJob(ctx, rolled);
  ctx.report.check(`${label}: the rolled engine ${rolled.metadata.name}: ${job.summary}`, job.ok, job.detail);
}

/**
 * A change to a file the proxy carries for the engines (CHANGED_FILE: engine-only) rolls the proxy:
 * its re-applied Deployment replaces the running pod with one that holds the new file. Returns it.
 */
async function proxyRolls(ctx: E2eContext, gen: Generation, old: PodWithStatus): Promise<PodWithStatus | undefined> {
  const namespace = gen.platform.spec.proxy.namespace;
  if (!applyNamespace(ctx, gen, namespace)) return undefined;
  const wait = await podsInPhase(ctx, namespace, 'app.kubernetes.io/component=proxy', 'Running', {
    timeoutMs: POD_START_MS,
    accept: p => p.metadata.uid !== old.metadata.uid && (p.metadata.deletionTimestamp ?? '') === '',
  });
  ctx.report.check(
    `changing ${CHANGED_FILE}: the proxy, which carries it for EngineSetup, rolls to a new pod (${wait.seconds.toFixed(0)} s)`,
    wait.ok,
    wait.detail,
  );
  if (!wait.ok) return undefined;
  await lookInside(ctx, gen.platform, wait.pods[0], 'proxy');
  return wait.pods[0];
}

/** Frees the node for the tenant's SparkPi: the engine scaled to zero, its pods and executors gone. */
async function scaleEngineDown(ctx: E2eContext, gen: Generation, tenant: string): Promise<void> {
  const { admin } = ctx.cluster;
  admin.run(['scale', 'deployment', objectNames(gen.platform.spec).engineDeployment, '-n', tenant, '--replicas=0']);
  const left = () =>
    admin
      .list('pods', tenant)
      .filter(p => ['engine', 'executor'].includes(p.metadata.labels?.['app.kubernetes.io/component'] ?? ''))
      .map(p => p.metadata.name);
  await untilGone(left);
  ctx.report.check(`the engine of ${tenant} scaled to zero for the next job, its pods gone`, left().length === 0, `still there: ${left().join(', ')}`);
}

/**
 * Cluster mode: the proxy launches SparkPi into the tenant from its pod; the driver pod (config-sync
 * in the real kubelet) and its executors are looked into while they run; the driver ends Succeeded
 * with "Pi is roughly" in its log.
 */
async function clusterJob(
  ctx: E2eContext,
  gen: Generation,
  proxyPod: PodWithStatus,
  tenant: string,
  image: BuiltImage,
  addedAliases: HostAliasSpec[],
): Promise<void> {
  const { admin } = ctx.cluster;
  const label = `the Pi job launched by the proxy into ${tenant}`;
  // The image's own Pi job: Spark publishes no spark-examples jar to Maven Central (e2e/lib/image.ts).
  const app: SparkApp = { name: `e2e-pi-${tenant}`, ...image.testJob, args: [PI_PARTITIONS] };
  const before = new Set(admin.list('pods', tenant, 'spark-role=driver').map(p => p.metadata.uid));
  const started = Date.now();
  const launch = launchFromProxy(ctx, proxyPod, tenant, app);
  const launched = ctx.report.check(
    `${label}: spark-submit in the proxy pod exits 0 (${seconds(started)} s)`,
    launch.status === 0,
    `exit ${launch.status}\n${
      launch.stderr
        .split('\n')
        .filter(l => /Exception|Error|Caused by|Forbidden/.test(l))
        .slice(-12)
        .join('\n') || launch.stderr.slice(-2000)
    }`,
  );
  const driver = launched ? (admin.list('pods', tenant, 'spark-role=driver') as PodWithStatus[]).find(p => !before.has(p.metadata.uid)) : undefined;
  ctx.report.check(`${label}: the driver pod exists`, driver !== undefined, launched ? 'spark-submit made no driver pod' : 'not launched');
  if (!driver) {
    ctx.report.data.jobs.push({ tenant, mode: 'cluster', ok: false, seconds: seconds(started) });
    return;
  }
  const running = await podInPhase(ctx, tenant, driver.metadata.name, 'Running', POD_START_MS);
  ctx.report.check(`${label}: the driver ${driver.metadata.name} runs on the node (${running.seconds.toFixed(0)} s)`, running.ok, running.detail);
  if (running.ok) {
    const live = running.pods[0];
    await lookInside(ctx, gen.platform, live, 'driver', addedAliases);
    for (const executor of await executorsOf(ctx, live, `the driver ${live.metadata.name}'s executors`))
      await lookInside(ctx, gen.platform, executor, 'executor', addedAliases);
  }
  const done = await podInPhase(ctx, tenant, driver.metadata.name, 'Succeeded', JOB_MS);
  const log = admin.run(['logs', '-n', tenant, driver.metadata.name, '-c', driver.spec.containers[0].name]).stdout;
  const pi = /^Pi is roughly (\d+\.\d+)/m.exec(log);
  const ok = ctx.report.check(
    `${label}: the driver ends Succeeded with "Pi is roughly ${pi?.[1] ?? '?'}" in its log (${seconds(started)} s)`,
    done.ok && pi !== null && Math.abs(Number(pi[1]) - Math.PI) < 0.1,
    done.ok ? `log:\n${log.split('\n').slice(-15).join('\n')}` : done.detail,
  );
  ctx.report.data.jobs.push({ tenant, mode: 'cluster', ok, seconds: seconds(started) });
  const final = done.pods[0];
  const row = ctx.report.data.node?.pods.find(r => r.namespace === tenant && r.pod === driver.metadata.name);
  if (row && final?.status?.phase) row.phase = final.status.phase;
}

/** The alias the jobs add to the proxy's Deployment (an address no test reaches: only /etc/hosts is checked). */
const ADDED_PROXY_ALIAS: HostAliasSpec = { ip: '10.0.0.99', hostnames: ['added-at-launch.example.com'] };

/**
 * The proxy's host aliases changed on its Deployment alone (no synth, no tenant touched): returns the
 * new proxy pod once it runs with them; the next engine launched must have them (clusterJob checks).
 */
async function proxyAliasesChanged(ctx: E2eContext, gen: Generation, old: PodWithStatus): Promise<PodWithStatus | undefined> {
  const { admin } = ctx.cluster;
  const namespace = gen.platform.spec.proxy.namespace;
  const aliases = mergeHostAliases(gen.platform.spec.proxy.hostAliases, [ADDED_PROXY_ALIAS]);
  const patch = JSON.stringify({ spec: { template: { spec: { hostAliases: aliases } } } });
  const patched = admin.run(['patch', 'deployment', '-n', namespace, objectNames(gen.platform.spec).proxyDeployment, '--type=merge', '-p', patch]);
  ctx.report.check(
    `the proxy's Deployment gains the host alias ${ADDED_PROXY_ALIAS.hostnames[0]} (kubectl patch, no synth)`,
    patched.status === 0,
    patched.stderr,
  );
  const wait = await podsInPhase(ctx, namespace, 'app.kubernetes.io/component=proxy', 'Running', {
    timeoutMs: POD_START_MS,
    accept: p => p.metadata.uid !== old.metadata.uid && sameHostAliases(p.spec.hostAliases, aliases),
  });
  ctx.report.check(`the proxy pod with the new host alias runs (${wait.seconds.toFixed(0)} s)`, wait.ok, wait.detail);
  return wait.ok ? wait.pods[0] : undefined;
}

/**
 * Bad launches end as spark-submit errors in the proxy that say what is wrong, with no pod created:
 * an engine fragment of an unknown role, and an inline file above the env transport's limit (a jar of
 * Spark's, which the proxy holds, named as the file to carry).
 */
async function badLaunchesRefused(ctx: E2eContext, gen: Generation, proxyPod: PodWithStatus, tenant: string, image: BuiltImage): Promise<void> {
  const defaults = launchDefaults(gen, tenant);
  const fragment = JSON.parse(defaults[FRAGMENT_PROPERTIES.engine] ?? '{}') as LaunchFragment;
  const large = execIn(ctx, proxyPod, ['sh', '-c', 'ls -S /opt/spark/jars/*.jar | head -n 1']).stdout.trim();
  const cases: { what: string; fragment: object; message: RegExp }[] = [
    { what: 'an engine fragment of an unknown role', fragment: { ...fragment, role: 'driver' }, message: /unknown role "driver"/ },
    {
      what: `an inline file above the env transport's limit (${large})`,
      fragment: { ...fragment, inlineFiles: [{ variable: 'CFG_TOO_LARGE', source: large, mode: '0444', target: '/var/run/spark-tenancy/volumes/too-large' }] },
      message: /above the 524288 the env transport allows per pod; deliver large files with transport: objects/,
    },
  ];
  for (const { what, fragment: bad, message } of cases) {
    await refusedLaunch(ctx, proxyPod, tenant, image, `a launch into ${tenant} with ${what}`, { [FRAGMENT_PROPERTIES.engine]: JSON.stringify(bad) }, message);
  }
}

/**
 * The namespace step refuses a launch into a namespace whose files ConfigMap is of another generation
 * or missing, and creates nothing; the namespace's file applied again, launches work again.
 */
async function namespaceStepRefuses(ctx: E2eContext, gen: Generation, proxyPod: PodWithStatus, tenant: string, image: BuiltImage): Promise<void> {
  const { admin } = ctx.cluster;
  const configMap = objectNames(gen.platform.spec).filesConfigMap;
  admin.run(['annotate', 'configmap', '-n', tenant, configMap, `${CONTENT_HASH_ANNOTATION}=0000-another-generation`, '--overwrite']);
  await refusedLaunch(
    ctx,
    proxyPod,
    tenant,
    image,
    `a launch into ${tenant} whose ${configMap} is of another generation`,
    {},
    new RegExp(`namespace ${tenant} does not hold this platform's current configuration: ConfigMap ${configMap} is of another generation`),
  );
  admin.run(['delete', 'configmap', '-n', tenant, configMap, '--wait=true']);
  await refusedLaunch(
    ctx,
    proxyPod,
    tenant,
    image,
    `a launch into ${tenant} without ${configMap}`,
    {},
    new RegExp(`namespace ${tenant} does not hold this platform's current configuration: ConfigMap ${configMap} is missing`),
  );
  applyNamespace(ctx, gen, tenant);
}

/** A launch that must fail in spark-submit with `message` in its output and leave no driver pod in the tenant. */
async function refusedLaunch(
  ctx: E2eContext,
  proxyPod: PodWithStatus,
  tenant: string,
  image: BuiltImage,
  label: string,
  conf: Record<string, string>,
  message: RegExp,
): Promise<void> {
  const before = ctx.cluster.admin.list('pods', tenant).length;
  const started = Date.now();
  const launch = launchFromProxy(ctx, proxyPod, tenant, { name: 'e2e-refused', ...image.testJob, args: ['1'], conf });
  const output = `${launch.stdout}\n${launch.stderr}`;
  const after = ctx.cluster.admin.list('pods', tenant).length;
  const said = output
    .split('\n')
    .filter(l => /spark-tenancy|Exception|Error/.test(l))
    .slice(-8)
    .join('\n');
  const ok = ctx.report.check(
    `${label}: spark-submit in the proxy fails saying so, and no pod is created`,
    launch.status !== 0 && launch.status !== null && message.test(output) && after === before,
    `exit ${launch.status}; pods ${before} → ${after}; wanted ${message}\n${said}`,
  );
  ctx.report.data.launchRefusals.push({ tenant, launch: label, ok, seconds: seconds(started) });
}

/** The tenant's cluster-mode spark-defaults.conf as the generation wrote it. */
function launchDefaults(gen: Generation, tenant: string): Record<string, string> {
  const docs = parseAllDocuments(fs.readFileSync(path.join(gen.dist, `${tenant}.k8s.yaml`), 'utf8')).map(d => d.toJS() as KubeObject);
  const config = docs.find(o => o?.kind === 'ConfigMap' && o.metadata.name === objectNames(gen.platform.spec).sparkConfigMap);
  return parseProperties(String((config?.data as Record<string, string> | undefined)?.[CLUSTER_SPARK_DEFAULTS_KEY] ?? '')) as Record<string, string>;
}

function engineChecksum(gen: Generation, tenant: string): string | undefined {
  return deploymentTemplate(gen, tenant, objectNames(gen.platform.spec).engineDeployment)?.metadata?.annotations?.['checksum/config'];
}

/** A Deployment's pod template as the dist holds it. */
function deploymentTemplate(gen: Generation, namespace: string, name: string): { metadata?: { annotations?: Record<string, string> } } | undefined {
  const docs = parseAllDocuments(fs.readFileSync(path.join(gen.dist, `${namespace}.k8s.yaml`), 'utf8')).map(d => d.toJS() as KubeObject);
  const deployment = docs.find(o => o?.kind === 'Deployment' && o.metadata.name === name);
  return (deployment?.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template;
}

/** `kubectl exec` in the pod's main container, bounded; a kubectl that does not return is a failed command, not a failed suite. */
function execIn(ctx: E2eContext, pod: PodWithStatus, argv: readonly string[]): CommandResult {
  try {
    return ctx.cluster.admin.run(
      ['exec', '-n', pod.metadata.namespace!, pod.metadata.name, '-c', pod.spec.containers[0].name, '--', ...argv],
      undefined,
      EXEC_MS,
    );
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    return { status: null, stdout: '', stderr: error.message };
  }
}

/** Polls `left` (names of what must go) until it is empty, at most GONE_MS. */
async function untilGone(left: () => string[]): Promise<void> {
  const deadline = Date.now() + GONE_MS;
  while (left().length > 0 && Date.now() < deadline) await sleep(1000);
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}
