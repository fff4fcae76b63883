import * as fs from 'fs';
import * as path from 'path';
import { objectNames } from '../../src/names';
import { objectId } from '../../src/plan/manifest-set';
import { loadPlatformFile } from '../../src/platform-spec/loader';
import { Platform } from '../../src/platform-spec/platform';
import {
  Application,
  applicationNamed,
  applications,
  applyApplication,
  removeArgoCdObjects,
  ArgoCd,
  describeApplications,
  requestRefresh,
  startArgoCd,
  syncedAndHealthy,
  waitForApplications,
} from '../lib/argocd';
import { applySecretStore, externalSecretsController, secretsFromController } from '../lib/external-secrets';
import { PlatformRepo } from '../lib/git-repo';
import { liveDifferences } from '../lib/live-state';
import { namespaceNames, removeNamespaces } from '../lib/namespaces';
import { NODE_TAINT, NodeHandle } from '../lib/node';
import { Daemons, run, sleep } from '../lib/processes';
import { E2eContext, REPO } from '../lib/context';
import { nodeSizedSpec, synthInto, writeSpecVariant } from '../lib/spec-variants';

/** The variant's namespaces, beside those of the stages before it in the same cluster. */
const PREFIX = 'g-';
const ARGOCD_NAMESPACE = 'argocd';
/** The app-of-apps a platform team already has: it syncs dist/argocd.k8s.yaml (the docs' way to apply that file from Git). */
const ROOT_APPLICATION = 'platform-root';
const SYNC_MS = 360_000;
const REFRESH_MS = 120_000;
const SELF_HEAL_MS = 120_000;
/** Another team's folder in the repository, its Application, and the Namespace it owns (which a bad commit gives a tenant of the platform). */
const OTHER_TEAM_PATH = 'other-team';
const OTHER_TEAM_APPLICATION = 'other-team';
const OTHER_TEAM_NAMESPACE = `${PREFIX}team-e`;
/** The tenant a commit adds, and the one a later commit removes (the first tenant: its engine runs, so its pods are there to stay). */
const ADDED_TENANT = `${PREFIX}team-d`;

interface Commit {
  readonly sha: string;
  readonly platform: Platform;
  readonly dist: string;
  /** What the commit holds: path in the repository to the folder or file it came from. */
  readonly files: Record<string, string>;
}

/**
 * GitOps with Argo CD's own controllers: the example (renamed `g-`, sized for the node, its
 * ApplicationSet pointed through the spec at a local Git repository) committed as a user's CI commits
 * it, an app-of-apps syncing the Argo CD file, and then what Argo CD does with every commit: generate,
 * sync, heal, add and remove tenants. Runs on the node (untainted for the stage), so Deployments reach
 * Healthy with real pods, and with the run's External Secrets controller, so ExternalSecrets do.
 */
export async function checkGitOps(ctx: E2eContext, daemons: Daemons, node: NodeHandle, fleetTenants: number): Promise<void> {
  const { report } = ctx;
  const dir = path.join(ctx.work, 'gitops');
  const repo = new PlatformRepo(path.join(dir, 'repository'));
  const commit = (
    message: string,
    name: string,
    edit: (spec: Record<string, any>) => void,
    damage?: (dist: string) => void,
    editConfig?: (config: string) => void,
  ): Commit => {
    const specFile = writeSpecVariant(path.join(dir, name), {
      rename: ns => `${PREFIX}${ns}`,
      keepArgoCd: true,
      edit: spec => {
        nodeSizedSpec(node.network.hostIp)(spec);
        spec.gitops.argocd = { ...spec.gitops.argocd, repoURL: repo.url, targetRevision: repo.branch, namespace: ARGOCD_NAMESPACE };
        // One engine runs (the first tenant's): every engine's JVM and executors at once would not fit
        // the suite's two cores beside the proxy. The others' Deployments are scaled to zero, which
        // Argo CD judges Healthy as it would any Deployment at its desired size.
        spec.tenants.forEach((tenant: Record<string, any>, i: number) => {
          if (i > 0) tenant.engine = { ...tenant.engine, replicas: 0 };
        });
        edit(spec);
      },
    });
    editConfig?.(path.join(dir, name, 'config'));
    const dist = path.join(dir, name, 'dist');
    synthInto(specFile, dist);
    damage?.(dist);
    // Another team's manifests in the same repository (a monorepo): its own Application owns the
    // Namespace that a later commit gives a tenant of the platform.
    const files = { 'platform.yaml': specFile, config: path.join(dir, name, 'config'), dist, [OTHER_TEAM_PATH]: otherTeamFolder(dir) };
    return { sha: repo.commit(message, files), platform: loadPlatformFile(specFile), dist, files };
  };

  report.begin('GitOps with Argo CD');
  let current = commit('platform: the example', 'initial', () => undefined);
  report.milestone(`the synthesized dist/ committed to ${repo.url} (${current.sha.slice(0, 8)})`);
  const argo = await startArgoCd(ctx, daemons, ARGOCD_NAMESPACE);
  report.time('gitops: Argo CD start', argo.startSeconds);
  node.untaint();
  try {
    const started = Date.now();
    applyRootApplication(ctx, repo);
    applyOtherTeamApplication(ctx, repo);
    current = await firstSync(ctx, daemons, argo, current);
    report.time('gitops: first sync to all Healthy', (Date.now() - started) / 1000);
    await noPerpetualDiffs(ctx, argo, current);
    await selfHeal(ctx, current);
    await projectIsABoundary(ctx, current);
    // Three changes, each committed while Argo CD may compare but not sync, so that what it reports
    // OutOfSync can be set against what `spark-tenancy plan` said of the same two commits.
    const withTenantD = (spec: Record<string, any>) => spec.tenants.push({ ...spec.tenants[spec.tenants.length - 1], namespace: ADDED_TENANT });
    const beforeAdding = {
      generations: deploymentGenerations(ctx, current.platform.spec.proxy.namespace),
      counts: syncCounts(platformApplications(ctx, current.platform)),
    };
    const added = await plannedChange(ctx, repo, current, 'a tenant added', () => commit(`platform: tenant ${ADDED_TENANT}`, 'added', withTenantD));
    current = await tenantAdded(ctx, current, added, beforeAdding);
    const changedFile = await plannedChange(ctx, repo, current, 'krb5.conf changed', () =>
      commit('platform: krb5.conf changed', 'changed', withTenantD, undefined, config =>
        fs.appendFileSync(path.join(config, 'krb5.conf'), '# changed by the GitOps stage\n'),
      ),
    );
    current = await allSynced(ctx, changedFile, 'after krb5.conf changed (every workload rolls)');
    const removedTenant = current.platform.spec.tenants[0].namespace;
    const dropFirst = (spec: Record<string, any>) => {
      withTenantD(spec);
      spec.tenants.shift();
    };
    const removed = await plannedChange(ctx, repo, current, 'a tenant removed', () =>
      commit(`platform: tenant ${removedTenant} removed`, 'removed', dropFirst),
    );
    current = await tenantRemoved(ctx, current, removed, removedTenant);
    await brokenCommit(ctx, current, (message, name, edit, damage) => commit(message, name, spec => (dropFirst(spec), edit(spec)), damage));
    await pathWithNoFiles(ctx, dir, repo);
    current = await allSynced(ctx, commit('platform: repaired', 'repaired', dropFirst), 'after the bad commit was repaired');
    await helmSource(ctx, daemons, repo, dir, current);
    if (fleetTenants > 0) await fleetThroughArgoCd(ctx, daemons, argo, repo, dir, current, fleetTenants);
  } finally {
    ctx.cluster.admin.run(['taint', 'node', node.name, `${NODE_TAINT.key}:${NODE_TAINT.effect}`, '--overwrite']);
    report.data.gitops = { ...report.data.gitops, controllerPeakRssMiB: argo.controller.peakRssMiB(), repoServerPeakRssMiB: argo.repoServer.peakRssMiB() };
    for (const daemon of [argo.applicationSetController, argo.controller, argo.repoServer, argo.redis]) await daemon.stop();
    // Argo CD's objects go too (none has a finalizer): the fleet's Argo CD file, applied after this stage,
    // must not meet an AppProject of the same name whose fields Argo CD's controller owns.
    const left = removeArgoCdObjects(ctx, ARGOCD_NAMESPACE);
    report.check('the GitOps stage leaves no Argo CD object behind', left === '', left);
  }
  // Argo CD stopped first, so nothing heals them back: the stage ends as it began (its engines and
  // proxy would otherwise hold the node's CPUs during the stages after it).
  await removeNamespaces(
    ctx,
    namespaceNames(ctx).filter(ns => [PREFIX, HELM_PREFIX, FLEET_PREFIX].some(prefix => ns.startsWith(prefix))),
    'the GitOps stage',
  );
}

/** The root Application (project default) that syncs the Argo CD file from Git: an app-of-apps a team already runs. */
function applyRootApplication(ctx: E2eContext, repo: PlatformRepo): void {
  applyApplication(
    ctx,
    ARGOCD_NAMESPACE,
    ROOT_APPLICATION,
    {
      project: 'default',
      source: { repoURL: repo.url, targetRevision: repo.branch, path: 'dist', directory: { include: 'argocd.k8s.yaml' } },
      destination: { server: 'https://kubernetes.default.svc', namespace: ARGOCD_NAMESPACE },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    'platform-team',
  );
}

/** The Applications the platform's ApplicationSet generated (its template labels them with the platform's name). */
function platformApplications(ctx: E2eContext, platform: Platform): Application[] {
  return applications(ctx, ARGOCD_NAMESPACE, `app.kubernetes.io/managed-by=spark-tenancy,app.kubernetes.io/name=${platform.spec.name}`);
}

function namespaceFiles(dist: string): string[] {
  return fs
    .readdirSync(dist)
    .filter(f => f.endsWith('.k8s.yaml') && f !== `${ARGOCD_NAMESPACE}.k8s.yaml`)
    .sort();
}

/** Check 1: one Application per namespace file, every one Synced and Healthy, every object's live state as in dist/. */
async function firstSync(ctx: E2eContext, daemons: Daemons, argo: ArgoCd, commit: Commit): Promise<Commit> {
  const { report } = ctx;
  const files = namespaceFiles(commit.dist);
  const namespaces = files.map(f => f.replace(/\.k8s\.yaml$/, ''));
  const generated = await waitForApplications(
    () => platformApplications(ctx, commit.platform),
    apps => apps.length >= files.length,
    SYNC_MS,
  );
  const apps = platformApplications(ctx, commit.platform);
  const byFile = apps.map(a => a.spec.source?.directory?.include ?? '?').sort();
  report.check(
    `the ApplicationSet from dist/ generated one Application per namespace file (${apps.length} for ${files.length} files${generated !== undefined ? `, in ${generated.toFixed(0)} s` : ''})`,
    JSON.stringify(byFile) === JSON.stringify(files),
    `Applications' files: ${byFile.join(', ')}; dist/ files: ${files.join(', ')}\n${describeApplications(applications(ctx, argo.namespace))}`,
  );
  // The keytab Secret comes from the store through the real ESO controller, as in a user's cluster,
  // once Argo CD has applied the ExternalSecrets.
  await waitForApplications(
    () => platformApplications(ctx, commit.platform),
    list => list.length === files.length && list.every(a => a.status?.sync?.status === 'Synced'),
    SYNC_MS,
  );
  await secretsFromController(ctx, daemons, commit.platform, namespaces);
  const healthy = await waitForApplications(
    () => platformApplications(ctx, commit.platform),
    list => list.length === files.length && list.every(a => syncedAndHealthy(a, commit.sha)),
    SYNC_MS,
  );
  report.data.gitops = { ...report.data.gitops, applications: files.length, secondsToAllHealthy: healthy };
  report.check(
    `every Application is Synced and Healthy at ${commit.sha.slice(0, 8)}${healthy !== undefined ? ` (${healthy.toFixed(0)} s)` : ''}`,
    healthy !== undefined,
    describeApplications(platformApplications(ctx, commit.platform)),
  );
  const differences = files.flatMap(f => liveDifferences(ctx, path.join(commit.dist, f)));
  report.check(`every object's live state holds what dist/ says (${files.length} files)`, differences.length === 0, differences.slice(0, 20).join('\n'));
  return commit;
}

/** How many sync operations each Application has run (its history grows by one per sync). */
function syncCounts(apps: readonly Application[]): Map<string, number> {
  return new Map(apps.map(a => [a.metadata.name, a.status?.history?.length ?? 0]));
}

/** Check 2: after the sync and one more hard refresh (manifests regenerated, live state compared again), nothing is OutOfSync and nothing syncs again. */
async function noPerpetualDiffs(ctx: E2eContext, argo: ArgoCd, commit: Commit): Promise<void> {
  const before = platformApplications(ctx, commit.platform);
  const counts = syncCounts(before);
  const reconciledBefore = new Map(before.map(a => [a.metadata.name, a.status?.reconciledAt ?? '']));
  requestRefresh(
    ctx,
    argo.namespace,
    before.map(a => a.metadata.name),
    'hard',
  );
  // reconciledAt has a one-second resolution: a refresh in the same second as the last one is seen by the annotation's removal.
  await waitForApplications(
    () => platformApplications(ctx, commit.platform),
    list =>
      list.every(
        a =>
          a.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined &&
          (a.status?.reconciledAt ?? '') >= (reconciledBefore.get(a.metadata.name) ?? ''),
      ),
    REFRESH_MS,
  );
  await sleep(5000);
  const after = platformApplications(ctx, commit.platform);
  const outOfSync = after.flatMap(a =>
    (a.status?.resources ?? []).filter(r => r.status !== 'Synced').map(r => `${a.metadata.name}: ${r.kind} ${r.namespace ?? ''}/${r.name} ${r.status}`),
  );
  const resynced = after.filter(a => (a.status?.history?.length ?? 0) !== counts.get(a.metadata.name)).map(a => a.metadata.name);
  const resources = after.reduce((n, a) => n + (a.status?.resources?.length ?? 0), 0);
  ctx.report.data.gitops = { ...ctx.report.data.gitops, resourcesCompared: resources, perpetualDiffs: outOfSync.length };
  ctx.report.check(
    `no perpetual diff: after a hard refresh none of ${resources} resources is OutOfSync, and no Application synced again`,
    outOfSync.length === 0 && resynced.length === 0,
    `${outOfSync.join('\n')}${resynced.length ? `\nsynced again: ${resynced.join(', ')}` : ''}\n${describeApplications(after)}`,
  );
}

/** Check 5: hand edits in a tenant namespace (a ConfigMap's data, a Role's rules) are reverted by self-heal; the seconds it took. */
async function selfHeal(ctx: E2eContext, commit: Commit): Promise<void> {
  const { admin } = ctx.cluster;
  const tenant = commit.platform.spec.tenants[1].namespace;
  const names = objectNames(commit.platform.spec);
  const tenantFile = path.join(commit.dist, `${tenant}.k8s.yaml`);
  const edits = [
    {
      what: `ConfigMap ${tenant}/${names.sparkConfigMap}'s data`,
      args: [
        'patch',
        'configmap',
        names.sparkConfigMap,
        '-n',
        tenant,
        '--type=merge',
        '-p',
        JSON.stringify({ data: { 'spark-defaults.conf': 'spark.hand.edit=true\n' } }),
      ],
    },
    {
      what: `Role ${tenant}/${names.driverRole}'s rules`,
      args: [
        'patch',
        'role',
        names.driverRole,
        '-n',
        tenant,
        '--type=json',
        '-p',
        JSON.stringify([{ op: 'add', path: '/rules/-', value: { apiGroups: [''], resources: ['secrets'], verbs: ['list'] } }]),
      ],
    },
  ];
  const healed: Record<string, number | undefined> = {};
  for (const edit of edits) {
    const started = Date.now();
    admin.ok(edit.args);
    let differences = liveDifferences(ctx, tenantFile);
    const edited = differences.length > 0;
    while (differences.length > 0 && Date.now() - started < SELF_HEAL_MS) {
      await sleep(500);
      differences = liveDifferences(ctx, tenantFile);
    }
    const seconds = differences.length === 0 ? (Date.now() - started) / 1000 : undefined;
    healed[edit.what] = seconds;
    ctx.report.check(
      `a hand edit of ${edit.what} is reverted by Argo CD's self-heal${seconds !== undefined ? ` in ${seconds.toFixed(1)} s` : ''}`,
      seconds !== undefined && (edited || seconds < 1),
      differences.join('\n'),
    );
  }
  ctx.report.data.gitops = { ...ctx.report.data.gitops, selfHealSeconds: healed };
}

/** Check 6: an Application of the platform's project aimed at a namespace outside it is refused by Argo CD, and applies nothing. */
async function projectIsABoundary(ctx: E2eContext, commit: Commit): Promise<void> {
  const { admin } = ctx.cluster;
  const template = platformApplications(ctx, commit.platform).find(a => a.metadata.labels?.['spark-tenancy.dev/role'] === 'tenant');
  if (!template) return;
  const name = `${PREFIX}outside-the-project`;
  const outside = 'default';
  applyApplication(ctx, ARGOCD_NAMESPACE, name, { ...template.spec, destination: { ...template.spec.destination, namespace: outside } }, 'someone');
  let conditions = '';
  await waitForApplications(
    () => applicationNamed(ctx, ARGOCD_NAMESPACE, name),
    list => {
      conditions = (list[0]?.status?.conditions ?? []).map(c => `${c.type}: ${c.message}`).join('; ');
      return conditions !== '';
    },
    REFRESH_MS,
  );
  const appliedThere = admin.list('configmaps', outside, 'app.kubernetes.io/managed-by=spark-tenancy').length;
  ctx.report.check(
    `the AppProject ${template.spec.project} refuses an Application aimed at namespace ${outside}: "${conditions}"`,
    /InvalidSpecError/.test(conditions) && /do not match any of the allowed destinations/.test(conditions) && appliedThere === 0,
    `conditions: ${conditions || '(none)'}; objects of the platform in ${outside}: ${appliedThere}`,
  );
  admin.run(['delete', 'applications.argoproj.io', name, '-n', ARGOCD_NAMESPACE, '--wait=true', '--timeout=60s']);
}

/** The generation of every Deployment in the namespace, by name. */
function deploymentGenerations(ctx: E2eContext, namespace: string): Record<string, number> {
  return Object.fromEntries(
    ctx.cluster.admin.list('deployments.apps', namespace).map(d => [d.metadata.name, Number((d.metadata as { generation?: number }).generation)]),
  );
}

/** A push: the root Application and the platform's are asked to refresh, as Argo CD's Git webhook does. */
function pushed(ctx: E2eContext, platform: Platform): void {
  requestRefresh(ctx, ARGOCD_NAMESPACE, [ROOT_APPLICATION, ...platformApplications(ctx, platform).map(a => a.metadata.name)]);
}

/** Check 3: a tenant added by a commit gets its Application, Synced and Healthy; the proxy's Deployment does not change; no other Application syncs. */
async function tenantAdded(
  ctx: E2eContext,
  before: Commit,
  after: Commit,
  { generations, counts }: { generations: Record<string, number>; counts: Map<string, number> },
): Promise<Commit> {
  const proxy = before.platform.spec.proxy.namespace;
  const started = Date.now();
  // Its keytab Secret: the run's External Secrets controller and the store of the first sync make it.
  pushed(ctx, before.platform);
  const files = namespaceFiles(after.dist);
  const seconds = await waitForApplications(
    () => platformApplications(ctx, after.platform),
    list => list.length === files.length && list.every(a => syncedAndHealthy(a, after.sha)),
    SYNC_MS,
  );
  const apps = platformApplications(ctx, after.platform);
  const added = apps.find(a => a.spec.destination.namespace === ADDED_TENANT);
  ctx.report.check(
    `a tenant added by a commit: Application ${added?.metadata.name ?? '?'} generated, Synced and Healthy, every Application at ${after.sha.slice(0, 8)}${seconds !== undefined ? ` (${seconds.toFixed(0)} s after the push)` : ''}`,
    added !== undefined && seconds !== undefined,
    describeApplications(apps),
  );
  const generationsAfter = deploymentGenerations(ctx, proxy);
  ctx.report.check(
    `the proxy's Deployments kept their generation (${JSON.stringify(generations)})`,
    JSON.stringify(generationsAfter) === JSON.stringify(generations),
    `after: ${JSON.stringify(generationsAfter)}`,
  );
  const resynced = apps.filter(a => counts.has(a.metadata.name) && (a.status?.history?.length ?? 0) !== counts.get(a.metadata.name)).map(a => a.metadata.name);
  ctx.report.check(`the other ${counts.size} Applications stayed Synced with no sync operation`, resynced.length === 0, `synced: ${resynced.join(', ')}`);
  ctx.report.data.gitops = { ...ctx.report.data.gitops, tenantAddedSeconds: seconds ?? (Date.now() - started) / 1000 };
  return after;
}

/** Check 4: a tenant removed by a commit loses its Application; its Namespace, its Secrets and its running pods stay. */
async function tenantRemoved(ctx: E2eContext, before: Commit, after: Commit, tenant: string): Promise<Commit> {
  const { admin } = ctx.cluster;
  const names = objectNames(before.platform.spec);
  const podsBefore = admin
    .list('pods', tenant)
    .filter(p => (p as { status?: { phase?: string } }).status?.phase === 'Running')
    .map(p => p.metadata.name);
  pushed(ctx, before.platform);
  const files = namespaceFiles(after.dist);
  const gone = await waitForApplications(
    () => platformApplications(ctx, before.platform),
    list => list.length === files.length && list.every(a => a.spec.destination.namespace !== tenant) && list.every(a => syncedAndHealthy(a, after.sha)),
    SYNC_MS,
  );
  ctx.report.check(
    `a tenant removed by a commit: its Application is gone, the others Synced and Healthy at ${after.sha.slice(0, 8)}${gone !== undefined ? ` (${gone.toFixed(0)} s)` : ''}`,
    gone !== undefined,
    describeApplications(platformApplications(ctx, before.platform)),
  );
  // What stays, exactly: every kind of object left in the namespace, with counts.
  const namespace = admin.run(['get', 'namespace', tenant, '-o', 'json']);
  const phase = namespace.status === 0 ? (JSON.parse(namespace.stdout) as { status?: { phase?: string } }).status?.phase : undefined;
  const kinds = [
    'configmaps',
    'secrets',
    'serviceaccounts',
    'roles.rbac.authorization.k8s.io',
    'rolebindings.rbac.authorization.k8s.io',
    'deployments.apps',
    'services',
    'networkpolicies.networking.k8s.io',
    'resourcequotas',
    'limitranges',
    'externalsecrets.external-secrets.io',
    'pods',
  ];
  const stays: Record<string, number> = {};
  for (const kind of kinds) stays[kind.split('.')[0]] = admin.list(kind, tenant, 'app.kubernetes.io/managed-by=spark-tenancy').length;
  const podsAfter = admin
    .list('pods', tenant)
    .filter(p => (p as { status?: { phase?: string } }).status?.phase === 'Running')
    .map(p => p.metadata.name);
  const secret = admin.run(['get', 'secret', names.secret, '-n', tenant]).status === 0;
  ctx.report.data.gitops = { ...ctx.report.data.gitops, removedTenantStays: { namespace: phase ?? 'gone', ...stays, runningPods: podsAfter.length } };
  ctx.report.check(
    `its Namespace ${tenant} stays (${phase ?? 'gone'}), with its Secret ${names.secret} and its ${podsBefore.length} running pod(s); what stays: ${JSON.stringify(stays)}`,
    phase === 'Active' && secret && podsBefore.length > 0 && podsBefore.every(p => podsAfter.includes(p)),
    `running before: ${podsBefore.join(', ')}; after: ${podsAfter.join(', ')}; Secret there: ${secret}`,
  );
  return after;
}

/** The Helm variant's namespaces and the chart's folder in the repository. */
const HELM_PREFIX = 'a-';
const HELM_CHART_PATH = 'charts/spark-tenancy';
const HELM_APPLICATION = `${HELM_PREFIX}platform-chart`;

/**
 * Check 8: the chart `synth:helm` writes, committed beside dist/ and synced by Argo CD as a Helm source
 * (Argo CD renders it with the helm on the repo-server's PATH), Synced and Healthy. A variant of its
 * own (a-*, every Deployment at zero replicas: the engines and the proxy of the directory
 * Applications already run on the node), in the default project, as a team without the generated
 * AppProject would run it.
 */
async function helmSource(ctx: E2eContext, daemons: Daemons, repo: PlatformRepo, dir: string, last: Commit): Promise<void> {
  const { admin } = ctx.cluster;
  const specFile = writeSpecVariant(path.join(dir, 'helm'), {
    rename: ns => `${HELM_PREFIX}${ns}`,
    edit: spec => {
      spec.proxy = { ...spec.proxy, replicas: 0 };
      spec.engine = { ...spec.engine, replicas: 0 };
      for (const tenant of spec.tenants) delete tenant.engine;
    },
  });
  const chart = path.join(dir, 'helm', 'chart');
  const built = run(process.execPath, [path.join(REPO, 'bin', 'synth-helm.js'), '--chart-version', '0.1.0', '--spec', specFile, '--output', chart], {
    cwd: path.dirname(specFile),
  });
  if (!ctx.report.check('synth:helm writes the chart Argo CD syncs', built.status === 0, built.stderr.trim())) return;
  const sha = repo.commit('platform: the Helm chart beside dist/', { ...last.files, [HELM_CHART_PATH]: chart });
  const platform = loadPlatformFile(specFile);
  applyApplication(
    ctx,
    ARGOCD_NAMESPACE,
    HELM_APPLICATION,
    {
      project: 'default',
      source: { repoURL: repo.url, targetRevision: repo.branch, path: HELM_CHART_PATH, helm: { releaseName: 'spark-tenancy' } },
      destination: { server: 'https://kubernetes.default.svc', namespace: platform.spec.proxy.namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=false', 'ServerSideApply=true'] },
    },
    'platform-team',
  );
  const created = Date.now();
  const list = () => applicationNamed(ctx, ARGOCD_NAMESPACE, HELM_APPLICATION);
  const synced = await waitForApplications(list, apps => apps[0]?.status?.sync?.status === 'Synced', SYNC_MS);
  const namespaces = [platform.spec.proxy.namespace, ...platform.spec.tenants.map(t => t.namespace)];
  if (synced !== undefined) await secretsFromController(ctx, daemons, platform, namespaces);
  const healthy =
    (await waitForApplications(list, apps => apps.length === 1 && syncedAndHealthy(apps[0], sha), SYNC_MS)) === undefined
      ? undefined
      : (Date.now() - created) / 1000;
  const resources = list()[0]?.status?.resources?.length ?? 0;
  ctx.report.data.gitops = { ...ctx.report.data.gitops, helmSourceResources: resources, helmSourceSeconds: healthy };
  ctx.report.check(
    `the Helm chart synced by Argo CD as a Helm source: ${resources} resources in ${namespaces.length} namespaces, Synced and Healthy${healthy !== undefined ? ` (${healthy.toFixed(0)} s)` : ''}`,
    healthy !== undefined && resources > 0,
    describeApplications(list()),
  );
  admin.run(['delete', 'applications.argoproj.io', HELM_APPLICATION, '-n', ARGOCD_NAMESPACE, '--wait=true', '--timeout=60s']);
}

/** Another team's folder: one Namespace, which the platform does not own. */
function otherTeamFolder(dir: string): string {
  const folder = path.join(dir, 'other-team');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'namespace.yaml'), `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${OTHER_TEAM_NAMESPACE}\n`);
  return folder;
}

function applyOtherTeamApplication(ctx: E2eContext, repo: PlatformRepo): void {
  applyApplication(
    ctx,
    ARGOCD_NAMESPACE,
    OTHER_TEAM_APPLICATION,
    {
      project: 'default',
      source: { repoURL: repo.url, targetRevision: repo.branch, path: OTHER_TEAM_PATH },
      destination: { server: 'https://kubernetes.default.svc', namespace: OTHER_TEAM_NAMESPACE },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    'other-team',
  );
}

/**
 * Bad input in one commit: a namespace file Argo CD cannot parse (a bad merge of dist/), and a new
 * tenant whose Namespace another Application already manages. Each gets a clear error on its own
 * Application; the live objects stay as they were, and every other Application stays Synced with no
 * sync operation. The commit after it (a tenant removed) repairs both.
 */
async function brokenCommit(
  ctx: E2eContext,
  last: Commit,
  commit: (message: string, name: string, edit: (spec: Record<string, any>) => void, damage: (dist: string) => void) => Commit,
): Promise<void> {
  const { report } = ctx;
  const otherOwned = await waitForApplications(
    () => applicationNamed(ctx, ARGOCD_NAMESPACE, OTHER_TEAM_APPLICATION),
    list => list[0] !== undefined && syncedAndHealthy(list[0]),
    SYNC_MS,
  );
  report.check(
    `another team's Application manages Namespace ${OTHER_TEAM_NAMESPACE}`,
    otherOwned !== undefined,
    describeApplications(applicationNamed(ctx, ARGOCD_NAMESPACE, OTHER_TEAM_APPLICATION)),
  );

  const broken = last.platform.spec.tenants[0].namespace;
  const counts = syncCounts(platformApplications(ctx, last.platform));
  const next = commit(
    `platform: tenant ${OTHER_TEAM_NAMESPACE}, and a bad merge in ${broken}'s file`,
    'broken',
    spec => {
      spec.tenants.push({ ...spec.tenants[spec.tenants.length - 1], namespace: OTHER_TEAM_NAMESPACE });
    },
    dist => {
      // Conflict markers left in the file, as a bad merge leaves them: not YAML.
      const file = path.join(dist, `${broken}.k8s.yaml`);
      fs.writeFileSync(file, `<<<<<<< HEAD\n${fs.readFileSync(file, 'utf8')}=======\n>>>>>>> feature\n`);
    },
  );
  const sha = next.sha;
  pushed(ctx, last.platform);

  const brokenApp = (list: Application[]) => list.find(a => a.spec.destination.namespace === broken);
  const sharedApp = (list: Application[]) => list.find(a => a.spec.destination.namespace === OTHER_TEAM_NAMESPACE);
  const conditionsOf = (app?: Application) => (app?.status?.conditions ?? []).map(c => `${c.type}: ${c.message}`).join('; ');
  const seen = await waitForApplications(
    () => platformApplications(ctx, next.platform),
    list => {
      const shared = sharedApp(list);
      // Argo CD retries a failed automated sync with back-off: the message, not a final phase, is what it reports.
      return /ComparisonError/.test(conditionsOf(brokenApp(list))) && /Shared resource found/.test(shared?.status?.operationState?.message ?? '');
    },
    SYNC_MS,
  );
  const list = platformApplications(ctx, next.platform);
  report.check(
    `a namespace file Argo CD cannot parse: its Application says so (${conditionsOf(brokenApp(list)).slice(0, 300)})`,
    /ComparisonError/.test(conditionsOf(brokenApp(list))),
    describeApplications(list),
  );
  const shared = sharedApp(list);
  const owner = ctx.cluster.admin.run([
    'get',
    'namespace',
    OTHER_TEAM_NAMESPACE,
    '-o',
    'jsonpath={.metadata.annotations.argocd\\.argoproj\\.io/tracking-id}',
  ]).stdout;
  const inside = ctx.cluster.admin.list('configmaps', OTHER_TEAM_NAMESPACE, 'app.kubernetes.io/managed-by=spark-tenancy').length;
  report.check(
    `a tenant whose Namespace another Application manages: the sync fails with "${shared?.status?.operationState?.message ?? '?'}", and applies nothing`,
    /Shared resource found/.test(shared?.status?.operationState?.message ?? '') && owner.startsWith(`${OTHER_TEAM_APPLICATION}:`) && inside === 0,
    `Namespace ${OTHER_TEAM_NAMESPACE} tracked by: ${owner}; the platform's ConfigMaps in it: ${inside}\n${describeApplications(list)}`,
  );
  const liveKept = liveDifferences(ctx, path.join(last.dist, `${broken}.k8s.yaml`));
  report.check(`${broken}'s live objects are as before the bad commit`, liveKept.length === 0, liveKept.join('\n'));
  const others = list.filter(a => ![broken, OTHER_TEAM_NAMESPACE].includes(a.spec.destination.namespace ?? ''));
  const unsettled = others.filter(a => !syncedAndHealthy(a, sha) || (a.status?.history?.length ?? 0) !== counts.get(a.metadata.name));
  report.check(
    `the other ${others.length} Applications stayed Synced and Healthy at ${sha.slice(0, 8)} with no sync operation${seen !== undefined ? ` (${seen.toFixed(0)} s)` : ''}`,
    unsettled.length === 0,
    describeApplications(unsettled),
  );
}

/**
 * Bad input: an ApplicationSet whose path holds no files (a spec's `gitops.argocd.path` that is wrong),
 * here a second platform's Argo CD file applied by hand. Its Applications say the path is missing;
 * the first platform's Applications stay Synced.
 */
async function pathWithNoFiles(ctx: E2eContext, dir: string, repo: PlatformRepo): Promise<void> {
  const { admin } = ctx.cluster;
  const specFile = writeSpecVariant(path.join(dir, 'no-files'), {
    rename: ns => `e-${ns}`,
    keepArgoCd: true,
    edit: spec => {
      spec.name = 'wrong-path';
      spec.gitops.argocd = { ...spec.gitops.argocd, repoURL: repo.url, targetRevision: repo.branch, namespace: ARGOCD_NAMESPACE, path: 'no-such-folder' };
    },
  });
  const dist = path.join(dir, 'no-files', 'dist');
  synthInto(specFile, dist);
  admin.ok(['apply', '--server-side', '--field-manager=platform-team', '-f', path.join(dist, `${ARGOCD_NAMESPACE}.k8s.yaml`)]);
  const platform = loadPlatformFile(specFile);
  const expected = namespaceFiles(dist).length;
  let list: Application[] = [];
  const seconds = await waitForApplications(
    () => (list = platformApplications(ctx, platform)),
    apps => apps.length === expected && apps.every(a => /ComparisonError/.test((a.status?.conditions ?? []).map(c => c.type).join())),
    SYNC_MS,
  );
  const message = list[0]?.status?.conditions?.[0]?.message ?? '?';
  ctx.report.check(
    `an ApplicationSet whose path holds no files: each of its ${expected} Applications says so ("${message.slice(0, 200)}")${seconds !== undefined ? ` (${seconds.toFixed(0)} s)` : ''}`,
    seconds !== undefined && /no-such-folder/.test(message),
    describeApplications(list),
  );
  admin.run(['delete', '-f', path.join(dist, `${ARGOCD_NAMESPACE}.k8s.yaml`), '--wait=true', '--timeout=60s']);
}

/** Every Application of the platform Synced and Healthy at the commit (after a push), checked. */
async function allSynced(ctx: E2eContext, commit: Commit, when: string): Promise<Commit> {
  pushed(ctx, commit.platform);
  const files = namespaceFiles(commit.dist);
  const seconds = await waitForApplications(
    () => platformApplications(ctx, commit.platform),
    list => list.length === files.length && list.every(a => syncedAndHealthy(a, commit.sha)),
    SYNC_MS,
  );
  ctx.report.check(
    `${when}: every Application Synced and Healthy at ${commit.sha.slice(0, 8)}${seconds !== undefined ? ` (${seconds.toFixed(0)} s)` : ''}`,
    seconds !== undefined,
    describeApplications(platformApplications(ctx, commit.platform)),
  );
  return commit;
}

/** A deny window over every Application of the project: Argo CD compares, but its automated sync waits. */
const HOLD_WINDOW = { kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['*'], manualSync: false };

/**
 * Check 7: `spark-tenancy plan --against <previous commit>` names exactly what Argo CD then reports.
 * While the change is committed, the platform's automated syncs are held (a deny sync window on the
 * live AppProject; the root Application, the suite's own, syncs by hand), so Argo CD's comparison of
 * the new commit with the live state stays visible: its OutOfSync resources, per Application, and the
 * Applications the ApplicationSet removes. Then the hold is lifted and Argo CD syncs.
 */
async function plannedChange(ctx: E2eContext, repo: PlatformRepo, before: Commit, what: string, make: () => Commit): Promise<Commit> {
  const { admin } = ctx.cluster;
  const project = objectNames(before.platform.spec).argoCdProject;
  admin.ok([
    'patch',
    'applications.argoproj.io',
    ROOT_APPLICATION,
    '-n',
    ARGOCD_NAMESPACE,
    '--type=json',
    '-p',
    JSON.stringify([{ op: 'remove', path: '/spec/syncPolicy/automated' }]),
  ]);
  admin.ok([
    'patch',
    'appprojects.argoproj.io',
    project,
    '-n',
    ARGOCD_NAMESPACE,
    '--type=merge',
    '-p',
    JSON.stringify({ spec: { syncWindows: [HOLD_WINDOW] } }),
  ]);
  const appsBefore = new Set(platformApplications(ctx, before.platform).map(a => a.spec.destination.namespace ?? ''));
  let after: Commit | undefined;
  try {
    after = make();
    const sha = after.sha;
    // The root Application: compared at the new commit (what it reports for the Argo CD file), then synced by hand.
    requestRefresh(ctx, ARGOCD_NAMESPACE, [ROOT_APPLICATION]);
    const root = () => applicationNamed(ctx, ARGOCD_NAMESPACE, ROOT_APPLICATION);
    await waitForApplications(
      root,
      list => list[0]?.status?.sync?.revision === sha && list[0].metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined,
      REFRESH_MS,
    );
    const reported = new Set(outOfSync(root()[0], ARGOCD_NAMESPACE));
    admin.ok([
      'patch',
      'applications.argoproj.io',
      ROOT_APPLICATION,
      '-n',
      ARGOCD_NAMESPACE,
      '--type=merge',
      '-p',
      JSON.stringify({ operation: { initiatedBy: { username: 'platform-team' }, sync: { revision: sha } } }),
    ]);
    await waitForApplications(
      root,
      list => list[0]?.status?.operationState?.phase === 'Succeeded' && list[0].status.operationState.syncResult?.revision === sha,
      SYNC_MS,
    );
    // The platform's Applications (the ApplicationSet has added and removed some): compared at the new commit.
    const files = namespaceFiles(after.dist);
    const current = () => platformApplications(ctx, after!.platform);
    await waitForApplications(current, list => list.length === files.length, SYNC_MS);
    requestRefresh(
      ctx,
      ARGOCD_NAMESPACE,
      current().map(a => a.metadata.name),
    );
    const compared = await waitForApplications(
      current,
      list => list.every(a => a.status?.sync?.revision === sha && a.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined),
      REFRESH_MS,
    );
    const apps = current();
    for (const app of apps) for (const key of outOfSync(app, app.spec.destination.namespace ?? '')) reported.add(key);
    const appsAfter = new Set(apps.map(a => a.spec.destination.namespace ?? ''));
    for (const namespace of appsBefore) if (!appsAfter.has(namespace)) reported.add(`${namespace}: Application removed`);

    const planned = plannedKeys(ctx, repo, before.sha);
    const missed = [...reported].filter(k => !planned.has(k)).sort();
    const extra = [...planned].filter(k => !reported.has(k)).sort();
    ctx.report.data.gitops = {
      ...ctx.report.data.gitops,
      planVersusArgoCd: [
        ...(ctx.report.data.gitops?.planVersusArgoCd ?? []),
        { change: what, reported: reported.size, planned: planned.size, missed: missed.length, extra: extra.length },
      ],
    };
    ctx.report.check(
      `${what}: spark-tenancy plan names exactly what Argo CD reports (${reported.size} OutOfSync resources or removed Applications, ${planned.size} planned)`,
      compared !== undefined && missed.length === 0 && extra.length === 0,
      `${compared === undefined ? 'Argo CD did not compare every Application at the new commit in time\n' : ''}Argo CD reports, plan does not name:\n  ${missed.join('\n  ') || '(none)'}\nplan names, Argo CD does not report:\n  ${extra.join('\n  ') || '(none)'}`,
    );
  } finally {
    admin.run([
      'patch',
      'appprojects.argoproj.io',
      project,
      '-n',
      ARGOCD_NAMESPACE,
      '--type=json',
      '-p',
      JSON.stringify([{ op: 'remove', path: '/spec/syncWindows' }]),
    ]);
    applyRootApplication(ctx, repo);
  }
  return after;
}

/** An Application's OutOfSync resources as `<namespace of its file>: <Kind> <namespace>/<name>`, the way plan names objects. */
function outOfSync(app: Application | undefined, fileNamespace: string): string[] {
  return (app?.status?.resources ?? [])
    .filter(r => r.status === 'OutOfSync')
    .map(r => `${fileNamespace}: ${objectId(r.kind, r.name, r.namespace || undefined)}`);
}

/** What `spark-tenancy plan --against <ref>` (run in the checkout, as a pull request's CI runs it) says changes, in the same keys. */
function plannedKeys(ctx: E2eContext, repo: PlatformRepo, ref: string): Set<string> {
  // bin/plan.js runs this checkout's sources (bin/spark-tenancy.js is the packed package's compiled lib/).
  const result = run(process.execPath, [path.join(REPO, 'bin', 'plan.js'), '--against', ref, '--format', 'json'], { cwd: repo.worktree });
  if (result.status !== 2) {
    ctx.report.check(`spark-tenancy plan --against ${ref.slice(0, 8)} reports changes (exit 2)`, false, `exit ${result.status}: ${result.stderr}`);
    return new Set();
  }
  const plan = JSON.parse(result.stdout) as {
    namespaces: { namespace: string; status: string; added: string[]; removed: string[]; changed: { object: string }[] }[];
  };
  const keys = new Set<string>();
  for (const ns of plan.namespaces) {
    if (ns.status === 'removed') {
      keys.add(`${ns.namespace}: Application removed`);
      continue;
    }
    for (const object of [...ns.added, ...ns.removed, ...ns.changed.map(c => c.object)]) keys.add(`${ns.namespace}: ${object}`);
  }
  return keys;
}

/** The fleet's namespaces and size, and its folder in the repository. */
const FLEET_PREFIX = 'f-';
const FLEET_PATH = 'fleet/dist';
const FLEET_MS = 600_000;

/**
 * Check 9: a fleet of `tenants` tenants (the example's tenants in turn, a platform of its own named
 * `fleet`, its Deployments at zero replicas so no JVM starts) committed beside the first platform and
 * synced by Argo CD: its Argo CD file applied by hand, as docs/gitops.md says, then every Application
 * Synced and Healthy (its keytab Secrets made by the real External Secrets controller). The time to
 * all-Healthy and the controllers' peak memory go into the report.
 */
async function fleetThroughArgoCd(
  ctx: E2eContext,
  daemons: Daemons,
  argo: ArgoCd,
  repo: PlatformRepo,
  dir: string,
  last: Commit,
  tenants: number,
): Promise<void> {
  const { admin } = ctx.cluster;
  const specFile = writeSpecVariant(path.join(dir, 'fleet'), {
    rename: ns => `${FLEET_PREFIX}${ns}`,
    keepArgoCd: true,
    edit: spec => {
      spec.name = 'fleet';
      spec.gitops.argocd = { ...spec.gitops.argocd, repoURL: repo.url, targetRevision: repo.branch, namespace: ARGOCD_NAMESPACE, path: FLEET_PATH };
      spec.proxy = { ...spec.proxy, replicas: 0 };
      spec.engine = { ...spec.engine, replicas: 0 };
      const variants = spec.tenants as Record<string, any>[];
      spec.tenants = Array.from({ length: tenants }, (_, i) => {
        const tenant: Record<string, any> = { ...variants[i % variants.length], namespace: `${FLEET_PREFIX}tenant-${String(i).padStart(4, '0')}` };
        delete tenant.engine;
        return tenant;
      });
    },
  });
  const dist = path.join(dir, 'fleet', 'dist');
  synthInto(specFile, dist);
  const sha = repo.commit(`fleet: ${tenants} tenants`, { ...last.files, [FLEET_PATH]: dist });
  const platform = loadPlatformFile(specFile);
  // The store the fleet's ExternalSecrets name exists first, as in a cluster that already has its
  // secret store: each ExternalSecret turns Ready as soon as Argo CD applies it.
  await externalSecretsController(ctx, daemons);
  applySecretStore(ctx, platform, []);
  const started = Date.now();
  admin.ok(['apply', '--server-side', '--field-manager=platform-team', '-f', path.join(dist, `${ARGOCD_NAMESPACE}.k8s.yaml`)]);
  const files = namespaceFiles(dist);
  const list = () => platformApplications(ctx, platform);
  const synced = await waitForApplications(list, apps => apps.length === files.length && apps.every(a => a.status?.sync?.status === 'Synced'), FLEET_MS);
  const healthy = await waitForApplications(list, apps => apps.length === files.length && apps.every(a => syncedAndHealthy(a, sha)), FLEET_MS);
  const seconds = healthy === undefined ? undefined : (Date.now() - started) / 1000;
  const apps = list();
  const notHealthy = apps.filter(a => !syncedAndHealthy(a, sha));
  const fleet = {
    tenants: tenants,
    applications: apps.length,
    secondsToSynced: synced === undefined ? undefined : synced,
    secondsToAllHealthy: seconds,
    controllerPeakRssMiB: argo.controller.peakRssMiB(),
    applicationSetControllerPeakRssMiB: argo.applicationSetController.peakRssMiB(),
    repoServerPeakRssMiB: argo.repoServer.peakRssMiB(),
  };
  ctx.report.data.gitops = { ...ctx.report.data.gitops, fleet };
  ctx.report.check(
    `a fleet of ${tenants} tenants synced by Argo CD: ${apps.length} Applications for ${files.length} files, all Synced and Healthy` +
      `${seconds !== undefined ? ` in ${seconds.toFixed(0)} s` : ''} (application controller peak ${fleet.controllerPeakRssMiB} MiB)`,
    seconds !== undefined && apps.length === files.length,
    `${notHealthy.length} not Synced and Healthy:\n${describeApplications(notHealthy.slice(0, 10))}`,
  );
  ctx.report.time(`gitops: fleet of ${tenants} to all Healthy`, seconds ?? (Date.now() - started) / 1000);
  // One namespace's Secret, byte for byte (the others are Healthy through the same store and controller).
  await secretsFromController(ctx, daemons, platform, [platform.spec.tenants[0].namespace]);
  // The ApplicationSet goes (its Applications with it; their objects stay, as for any removed tenant);
  // the stage's cleanup deletes the namespaces once Argo CD has stopped.
  admin.run(['delete', '-f', path.join(dist, `${ARGOCD_NAMESPACE}.k8s.yaml`), '--wait=true', '--timeout=120s']);
}
