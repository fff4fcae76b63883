import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPlatformFile } from '../src/platform-spec/loader';
import { objectNames } from '../src/names';
import { executorSize, tenantSparkProperties } from '../src/spark/executor-resources';
import { onDemandClaims, rbacContract, tenantGrants } from '../src/constructs/rbac-contract';
import { startCluster } from './lib/cluster';
import { E2eContext, REPO } from './lib/context';
import { serviceAccountIdentity } from './lib/identities';
import { PodJson } from './lib/pod-view';
import { Daemons, HarnessError, sleep } from './lib/processes';
import { Report } from './lib/report';
import { synthInto, writeFleetVariant, writeSpecVariant } from './lib/spec-variants';
import { requireMachine } from './lib/machine';
import { installTools, Tools } from './lib/tools';
import { startNode } from './lib/node';
import { runJobs } from './stages/jobs';
import { checkNode } from './stages/node';
import { applyDist } from './stages/apply';
import { installCrds } from './stages/crds';
import { checkFilesDelivered } from './stages/files';
import { checkGitOps } from './stages/gitops';
import { checkHelm } from './stages/helm';
import { namespaceNames, removeNamespaces } from './lib/namespaces';
import { checkImage } from './stages/image';
import { BuiltImage, importImage } from './lib/image';
import { checkKerberos } from './stages/kerberos';
import { checkLateTenant } from './stages/late-tenant';
import { checkExecutorsFit, checkQuotaAdmission } from './stages/quota';
import { checkRbac } from './stages/rbac';
import { checkSecretsByController } from './stages/secrets';
import { secretsFromController, stopExternalSecretsController } from './lib/external-secrets';
import { buildStandIn, runClientModeEngine, submitClusterMode } from './stages/spark';

/**
 * The Argo CD fleet of the default run: 100 tenants fit the GitOps stage's share of CI's time on the
 * 2-core machine (200 take about 4 min more; docs/e2e.md has both measurements).
 */
const ARGOCD_FLEET_DEFAULT = 100;

const USAGE = `npm run e2e [-- options]
  The real-cluster suite: builds (once, cached) a Kubernetes control plane and resolves Spark, then
  applies dist/ to a real kube-apiserver and runs Spark's own submission client and scheduler backend.
  --fleet N     also apply a platform of N tenants and report the time (default 1000; 0 skips)
  --argocd-fleet N  tenants of the fleet the GitOps stage has Argo CD sync (default 100; 0 skips it)
  --spark V,..  Spark releases to run (default: every release in e2e/versions.env)
  --only node   start the control plane and the node and run only the node stage (a quick check)
  --only jobs   the same, then the CRDs and the Spark jobs on the node (the default run's last stages)
  --only gitops  the control plane, the node and the image, then only the GitOps stage (Argo CD)
  --only secrets  start the control plane and External Secrets Operator's controller, and check that
                the keytab Secret of one tenant namespace arrives through it (no node, no image)
  --keep        keep the scratch folder and print its path
  --help        this text`;

interface Options {
  fleet: number;
  argocdFleet: number;
  spark?: string[];
  keep: boolean;
  only?: 'node' | 'jobs' | 'gitops' | 'secrets';
}

function parseOptions(argv: string[]): Options {
  const options: Options = { fleet: 1000, argocdFleet: ARGOCD_FLEET_DEFAULT, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--keep') options.keep = true;
    else if (arg === '--fleet') options.fleet = Number(argv[++i]);
    else if (arg === '--argocd-fleet') options.argocdFleet = Number(argv[++i]);
    else if (arg === '--spark') options.spark = argv[++i].split(',');
    else if (arg === '--only' && ['node', 'jobs', 'gitops', 'secrets'].includes(argv[i + 1])) {
      options.only = argv[++i] as Options['only'];
    } else throw new HarnessError(`unknown option ${arg}\n${USAGE}`);
  }
  if (!Number.isInteger(options.fleet) || options.fleet < 0) throw new HarnessError('--fleet needs a whole number');
  if (!Number.isInteger(options.argocdFleet) || options.argocdFleet < 0) throw new HarnessError('--argocd-fleet needs a whole number');
  return options;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  requireMachine();
  const report = new Report();
  const total = Date.now();
  report.begin('tools');
  const { tools, seconds } = installTools(path.join(REPO, 'e2e'));
  report.data.kubernetes = tools.kubernetes;
  report.data.cache = tools.built.length > 0 ? 'cold' : 'warm';
  report.time(`install (${report.data.cache})`, seconds);
  const sparkReleases = tools.spark.filter(s => !options.spark || options.spark.includes(s.version));
  for (const { version, reason } of tools.sparkUnresolved) {
    console.log(
      `e2e: Spark ${version} ${reason === 'not-found' ? 'is not in the Maven registry here' : 'failed to resolve from Maven (tried again next run)'}; not run`,
    );
  }
  report.data.sparkUnresolved = tools.sparkUnresolved;

  const daemons = new Daemons();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-tenancy-e2e-'));
  try {
    // The secrets check needs neither the image nor the node.
    const image =
      options.only === 'secrets'
        ? undefined
        : (() => {
            report.begin('the unified image, built without a daemon and run by runc');
            const ref = loadPlatformFile(path.join(REPO, 'platform.yaml')).spec.image;
            const primary = checkImage(report, work, ref);
            // The newest Spark line gets an image of its own for the jobs on the node (docs/e2e.md).
            const newest = tools.spark[tools.spark.length - 1];
            if (options.only === 'node' || options.only === 'gitops' || !newest || newest.version === primary.spark) return { primary, others: [] };
            report.begin(`the unified image for Spark ${newest.version}`);
            return { primary, others: [checkImage(report, work, `${ref}-spark-${newest.version}`, `${newest.version}:${newest.scala}`)] };
          })();

    report.begin('control plane');
    const started = Date.now();
    const cluster = await startCluster(tools, daemons, path.join(work, 'cluster'));
    report.time('control plane start', (Date.now() - started) / 1000);
    report.milestone(`etcd ${tools.etcdVersion}, kube-apiserver and kube-controller-manager ${tools.kubernetes} ready on ${cluster.server}`);
    const ctx: E2eContext = { repo: REPO, tools, cluster, report, work };

    if (options.only === undefined) await runControlPlaneStages(ctx, daemons, sparkReleases);
    // The dist's ExternalSecrets and Argo CD's objects need their CRDs.
    else if (options.only === 'jobs' || options.only === 'gitops') installCrds(ctx);
    else if (options.only === 'secrets') {
      installCrds(ctx);
      await checkSecretsByController(ctx, daemons);
    }

    if (image) await runNodeStages(ctx, daemons, options, image);
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    report.check('the suite ran to the end', false, error.message);
  } finally {
    await daemons.stopGracefully();
    const left = daemons.stillRunning();
    report.check('every component the suite started has stopped', left.length === 0, `still running: pids ${left.join(', ')}`);
    report.check('every setting the suite made on the machine is undone', daemons.undoFailures.length === 0, daemons.undoFailures.join('\n'));
    report.time('total', (Date.now() - total) / 1000);
    if (options.keep) console.log(`e2e: scratch folder kept: ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  report.write(path.join(REPO, 'e2e-report.json'));
  console.log(report.summary());
  return report.failed > 0 ? 1 : 0;
}

/** The node, its pod, and (but with --only node) the Spark jobs on it; by default then the fleet. */
async function runNodeStages(ctx: E2eContext, daemons: Daemons, options: Options, images: { primary: BuiltImage; others: BuiltImage[] }): Promise<void> {
  const { report } = ctx;
  report.begin('the node');
  let started = Date.now();
  const node = await startNode(ctx, daemons);
  report.time('node start', (Date.now() - started) / 1000);
  for (const [part, seconds] of Object.entries(node.startSeconds)) report.time(`node start: ${part}`, seconds);
  started = Date.now();
  await checkNode(ctx, node);
  report.time('node pod', (Date.now() - started) / 1000);

  if (options.only === undefined || options.only === 'jobs') {
    started = Date.now();
    await runJobs(ctx, daemons, node, images.primary, images.others);
    report.time('jobs', (Date.now() - started) / 1000);
  } else if (options.only === 'gitops') importImage(node.containerdSocket, images.primary);
  if (options.only === undefined || options.only === 'gitops') {
    started = Date.now();
    await checkGitOps(ctx, daemons, node, options.argocdFleet);
    report.time('gitops', (Date.now() - started) / 1000);
  }
  if (options.only !== 'node') {
    // The jobs' ESO controller watches every namespace: stopped before the fleet's ExternalSecrets.
    await stopExternalSecretsController(daemons);
  }
  // After the node stage: the node is tainted, so the fleet's pods stay Pending.
  if (options.only === undefined) await applyFleet(ctx, options);
}

/** The stages that need only the control plane (the node starts after them: see docs/e2e.md). */
async function runControlPlaneStages(ctx: E2eContext, daemons: Daemons, sparkReleases: Tools['spark']): Promise<void> {
  const { cluster, report, work } = ctx;
  let started: number;
  installCrds(ctx);
  const before = new Set(namespaceNames(ctx));

  report.begin('apply the example dist/');
  started = Date.now();
  const platform = loadPlatformFile(path.join(REPO, 'platform.yaml'));
  const names = objectNames(platform.spec);
  const applied = await applyDist(ctx, path.join(REPO, 'dist'), 'example dist/', { checkPods: true });
  report.data.objectsApplied += applied.objects;

  report.begin('apply the example with every transport');
  const objectsSpec = writeSpecVariant(path.join(work, 'variant-objects'), {
    rename: ns => `o-${ns}`,
    edit: spec => {
      spec.transport = 'objects';
      for (const t of spec.tenants) delete t.transport;
    },
  });
  const objectsDist = path.join(work, 'variant-objects', 'dist');
  synthInto(objectsSpec, objectsDist);
  report.data.objectsApplied += (await applyDist(ctx, objectsDist, 'example, transport objects', { checkPods: true })).objects;
  report.time('apply', (Date.now() - started) / 1000);

  const tenants = platform.spec.tenants.map(t => t.namespace);
  const proxyNamespace = platform.spec.proxy.namespace;
  // The example's Secrets as a cluster provides them: External Secrets Operator's real controller
  // (watching every namespace; stopped before the fleet) syncs each generated ExternalSecret from a
  // fake-provider store named as the spec's.
  report.begin('the keytab Secret, made by the External Secrets Operator controller');
  await secretsFromController(ctx, daemons, platform, [proxyNamespace, ...tenants]);

  report.begin('RBAC, as each ServiceAccount');
  started = Date.now();
  // A namespace of the cluster that is not the platform's, for the RBAC rows that must be refused there.
  cluster.admin.run(['create', 'namespace', 'not-a-tenant']);
  const contract = rbacContract(tenantGrants(onDemandClaims(platform.spec.spark?.properties ?? {})));
  await checkRbac(
    ctx,
    contract,
    {
      proxy: { namespace: proxyNamespace, name: names.proxyServiceAccount },
      engine: { namespace: tenants[0], name: names.engineServiceAccount },
      executor: { namespace: tenants[0], name: names.executorServiceAccount },
    },
    { tenant: tenants[0], tenants, otherTenant: tenants[1], proxy: proxyNamespace, outside: 'not-a-tenant' },
  );
  report.time('rbac', (Date.now() - started) / 1000);

  report.begin('quota and limits, as the engine');
  started = Date.now();
  for (const tenant of tenants) await checkQuotaAdmission(ctx, platform, tenant, serviceAccountIdentity(ctx, tenant, names.engineServiceAccount));
  report.time('quota', (Date.now() - started) / 1000);

  const sparkPods: { pod: PodJson; role: 'engine' | 'executor'; what: string }[] = [];
  const proxy = serviceAccountIdentity(ctx, proxyNamespace, names.proxyServiceAccount);
  const proxyPod = cluster.admin.list('pods', proxyNamespace, `app.kubernetes.io/component=proxy`)[0] as PodJson | undefined;
  for (const spark of sparkReleases) {
    report.begin(`Spark ${spark.version}`);
    started = Date.now();
    const standIn = buildStandIn(ctx, spark);
    for (const tenant of tenants) {
      if (!proxyPod) {
        report.check(`Spark ${spark.version}: the proxy pod exists`, false, 'the proxy Deployment has no Pod');
        break;
      }
      const driver = await submitClusterMode(ctx, spark, proxyPod, proxy, tenant, names.engineServiceAccount);
      if (driver) sparkPods.push({ pod: driver, role: 'engine', what: `Spark ${spark.version} driver pod` });
    }
    // With no node, a submitted driver stays Pending and holds its share of the tenant's quota for
    // good; a real one ends. Its object is kept for the file checks; the pod goes, and the quota
    // controller must have given its share back before the engines ask for executors.
    await releaseDrivers(ctx, tenants);
    for (const tenant of tenants) {
      const enginePod = cluster.admin.list('pods', tenant, 'app.kubernetes.io/component=engine')[0] as PodJson | undefined;
      if (!enginePod) {
        report.check(`Spark ${spark.version}: the engine pod of ${tenant} exists`, false, 'the engine Deployment has no Pod');
        continue;
      }
      const engine = serviceAccountIdentity(ctx, tenant, names.engineServiceAccount);
      const executors = await runClientModeEngine(ctx, spark, enginePod, engine, standIn, {
        executorServiceAccount: names.executorServiceAccount,
        roleEnv: platform.spec.roleEnv,
      });
      for (const pod of executors) sparkPods.push({ pod, role: 'executor', what: `Spark ${spark.version} executor pod` });
      const tenantSpec = platform.spec.tenants.find(t => t.namespace === tenant)!;
      checkExecutorsFit(ctx, platform, tenant, executors.length, executorSize(tenantSparkProperties(platform.spec, tenantSpec))?.instances ?? 0);
    }
    report.time(`spark ${spark.version}`, (Date.now() - started) / 1000);
  }

  const lateSpark = sparkReleases[0];
  if (lateSpark && proxyPod) {
    report.begin('a tenant added after the proxy started');
    const started = Date.now();
    await checkLateTenant(ctx, lateSpark, proxyPod, proxy, proxyNamespace, names.engineServiceAccount, 'team-late');
    report.time('late tenant', (Date.now() - started) / 1000);
  }

  report.begin('files arrive in the pods Spark made');
  started = Date.now();
  for (const { pod, role, what } of sparkPods) checkFilesDelivered(ctx, platform, pod, role, what);
  for (const namespace of [proxyNamespace, ...tenants]) {
    for (const pod of cluster.admin.list('pods', namespace, 'app.kubernetes.io/managed-by=spark-tenancy') as PodJson[]) {
      const component = pod.metadata.labels?.['app.kubernetes.io/component'];
      if (component === 'proxy' || component === 'engine') checkFilesDelivered(ctx, platform, pod, component, `${component} pod`);
    }
  }
  report.time('files', (Date.now() - started) / 1000);

  report.begin('Kerberos against a real KDC');
  started = Date.now();
  const kerberosSpark = sparkReleases.find(s => s.version.startsWith('3.')) ?? sparkReleases[0];
  if (kerberosSpark) report.data.kerberos = await checkKerberos(ctx, daemons, kerberosSpark);
  report.time('kerberos', (Date.now() - started) / 1000);

  report.begin('Helm');
  started = Date.now();
  await checkHelm(ctx);
  report.time('helm', (Date.now() - started) / 1000);

  // The node starts next: nothing the stages above made may hold it or race the jobs for its CPUs.
  report.begin('the control-plane stages removed what they made');
  started = Date.now();
  await removeNamespaces(
    ctx,
    namespaceNames(ctx).filter(ns => !before.has(ns)),
    'the example, its variants and the RBAC and late-tenant namespaces',
  );
  report.time('cleanup', (Date.now() - started) / 1000);
}

/** With --fleet N, a platform of N tenants applied and timed (its Deployments' pods are not waited for). */
async function applyFleet(ctx: E2eContext, options: Options): Promise<void> {
  if (options.fleet === 0) return;
  const { report, work } = ctx;
  report.begin(`a platform of ${options.fleet} tenants`);
  const started = Date.now();
  const fleetSpec = writeFleetVariant(path.join(work, 'fleet'), options.fleet);
  const fleetDist = path.join(work, 'fleet', 'dist');
  synthInto(fleetSpec, fleetDist);
  report.time(`fleet ${options.fleet} synth`, (Date.now() - started) / 1000);
  const fleet = await applyDist(ctx, fleetDist, `${options.fleet}-tenant platform`, { checkPods: false });
  report.data.objectsApplied += fleet.objects;
  report.time(`fleet ${options.fleet} apply`, fleet.seconds);
}

/** Deletes the tenants' driver pods and waits (bounded) until every quota counts only the pods left. */
async function releaseDrivers(ctx: E2eContext, tenants: readonly string[]): Promise<void> {
  const { admin } = ctx.cluster;
  for (const tenant of tenants) admin.run(['delete', 'pods', '-n', tenant, '-l', 'spark-role=driver', '--wait=true', '--timeout=60s']);
  const settled = () =>
    tenants.every(tenant => {
      const pods = admin.list('pods', tenant).length;
      return admin.list('resourcequotas', tenant).every(q => Number((q as { status?: { used?: Record<string, string> } }).status?.used?.pods ?? pods) === pods);
    });
  const deadline = Date.now() + 60_000;
  while (!settled() && Date.now() < deadline) await sleep(500);
  ctx.report.check('the quota controller counted the deleted driver pods out', settled(), 'a ResourceQuota still counts pods that are gone');
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error instanceof HarnessError ? `e2e: ${error.message}` : error);
    process.exit(1);
  },
);
