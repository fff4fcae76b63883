import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { E2eContext } from './context';
import { KubeObject } from './kubectl';
import { Daemons, freePort, HarnessError, httpStatus, RunningDaemon, sleep, waitUntil } from './processes';

const START_TIMEOUT_MS = 120_000;

/**
 * Argo CD's own controllers (its release in e2e/versions.env, the one multicall binary built from its
 * Go module: see e2e/tools/argocd), run on the host against the suite's API server the way Argo CD's
 * own local and e2e setup runs them (its Procfile): `ARGOCD_FAKE_IN_CLUSTER=true` and a kubeconfig,
 * so `https://kubernetes.default.svc` is the suite's API server. What its install manifests run for
 * syncing: the application controller, the ApplicationSet controller, the repo-server (with git and
 * helm on its PATH) and a redis (Debian's redis-server). Not run: argocd-server (the API and UI),
 * dex, notifications and the commit server, which no sync needs.
 */
export interface ArgoCd {
  readonly namespace: string;
  readonly controller: RunningDaemon;
  readonly applicationSetController: RunningDaemon;
  readonly repoServer: RunningDaemon;
  readonly redis: RunningDaemon;
  /** Seconds from the first process started until every component answered its health endpoint. */
  readonly startSeconds: number;
}

/**
 * The objects Argo CD's install manifests create in its namespace, as they create them (labelled
 * `app.kubernetes.io/part-of: argocd`, which is how its settings manager finds them), with
 * argocd-secret's `server.secretkey` filled as argocd-server would, and the `default` AppProject that
 * argocd-server creates on its first start.
 */
function installObjects(namespace: string): KubeObject[] {
  const meta = (name: string) => ({ name, namespace, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'argocd' } });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('argocd-cm') },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('argocd-rbac-cm') },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('argocd-cmd-params-cm') },
    {
      apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: meta('argocd-secret'),
      stringData: { 'server.secretkey': crypto.randomBytes(32).toString('base64') },
    },
    {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'default', namespace },
      spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
    },
  ];
}

export async function startArgoCd(ctx: E2eContext, daemons: Daemons, namespace: string): Promise<ArgoCd> {
  const { admin } = ctx.cluster;
  // Earlier stages apply Argo CD objects (the example's AppProject and ApplicationSet) only to have the
  // API server judge them, with no Argo CD running: Argo CD starts here as in a new install, without them.
  removeArgoCdObjects(ctx, namespace);
  const applied = admin.run(['apply', '--server-side', '--field-manager=argocd-install', '-f', '-'],
    installObjects(namespace).map(o => JSON.stringify(o)).join('\n'));
  if (applied.status !== 0) throw new HarnessError(`Argo CD's install objects were refused: ${applied.stderr.trim()}`);

  const dir = path.join(ctx.cluster.dir, 'argocd');
  for (const sub of ['tls', 'ssh', 'gpg', 'home', 'tmp']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const [redisPort, repoPort, repoMetrics, controllerMetrics, appsetMetrics, appsetProbe, appsetWebhook] =
    await Promise.all(Array.from({ length: 7 }, () => freePort()));
  const helmDir = path.dirname(ctx.tools.bin.helm);
  const binary = ctx.tools.bin.argocd;
  const env = (binaryName: string): NodeJS.ProcessEnv => ({
    // Beside the binary: the scripts its image puts there (install.sh); helm and git as the image has them.
    PATH: `${path.dirname(binary)}:${helmDir}:${process.env.PATH}`,
    HOME: path.join(dir, 'home'),
    TMPDIR: path.join(dir, 'tmp'),
    KUBECONFIG: admin.kubeconfig,
    ARGOCD_BINARY_NAME: binaryName,
    ARGOCD_FAKE_IN_CLUSTER: 'true',
    ARGOCD_TLS_DATA_PATH: path.join(dir, 'tls'),
    ARGOCD_SSH_DATA_PATH: path.join(dir, 'ssh'),
    ARGOCD_GNUPGHOME: path.join(dir, 'gpg'),
    ARGOCD_GPG_ENABLED: 'false',
    // The application controller's shard comes from its host name's last part (its StatefulSet pod's name).
    HOSTNAME: 'argocd-application-controller-0',
    GIT_CONFIG_NOSYSTEM: '1',
  });
  const redisAddress = `127.0.0.1:${redisPort}`;
  const repoAddress = `127.0.0.1:${repoPort}`;
  const started = Date.now();

  const redis = daemons.start('argocd-redis', 'redis-server', [
    '--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir,
  ], path.join(dir, 'redis.log'));
  const repoServer = daemons.start('argocd-repo-server', binary, [
    // TLS as installed: the repo-server makes its own certificate, which the controllers accept unpinned (no --repo-server-strict-tls).
    '--port', String(repoPort), '--address', '127.0.0.1', '--metrics-port', String(repoMetrics),
    '--redis', redisAddress, '--loglevel', 'info', '--logformat', 'text',
  ], path.join(dir, 'repo-server.log'), env('argocd-repo-server'));
  const controller = daemons.start('argocd-application-controller', binary, [
    '--namespace', namespace, '--redis', redisAddress, '--repo-server', repoAddress,
    '--metrics-port', String(controllerMetrics), '--loglevel', 'info', '--logformat', 'text',
    // The controller polls Git every --app-resync; the stage asks for a refresh after each commit, as
    // Argo CD's Git webhook does, so this only bounds a missed one.
    '--app-resync', '180',
  ], path.join(dir, 'application-controller.log'), env('argocd-application-controller'));
  const applicationSetController = daemons.start('argocd-applicationset-controller', binary, [
    '--namespace', namespace, '--argocd-repo-server', repoAddress,
    '--metrics-addr', `127.0.0.1:${appsetMetrics}`, '--probe-addr', `127.0.0.1:${appsetProbe}`, '--webhook-addr', `127.0.0.1:${appsetWebhook}`,
    '--loglevel', 'info', '--logformat', 'text',
  ], path.join(dir, 'applicationset-controller.log'), env('argocd-applicationset-controller'));

  const healthy = [
    { daemon: repoServer, url: `http://127.0.0.1:${repoMetrics}/healthz` },
    { daemon: controller, url: `http://127.0.0.1:${controllerMetrics}/healthz` },
    // It registers no health check (its probe address answers 404): its metrics server starts with its manager.
    { daemon: applicationSetController, url: `http://127.0.0.1:${appsetMetrics}/metrics` },
  ];
  for (const { daemon, url } of healthy) {
    await waitUntil(`${daemon.name} (${url}; log ${daemon.log})`, async () => (await httpStatus(url)) === 200, {
      timeoutMs: START_TIMEOUT_MS, intervalMs: 500, gaveUp: () => daemon.exited || redis.exited, describe: () => daemon.tail(),
    });
  }
  const startSeconds = (Date.now() - started) / 1000;
  ctx.report.milestone(`Argo CD ${ctx.tools.argocd}: application controller, ApplicationSet controller, repo-server and redis running against ${ctx.cluster.server} (namespace ${namespace})`);
  return { namespace, controller, applicationSetController, repoServer, redis, startSeconds };
}

const ARGO_CD_KINDS = 'applicationsets.argoproj.io,applications.argoproj.io,appprojects.argoproj.io';

/**
 * Deletes every ApplicationSet, Application and AppProject in Argo CD's namespace (with Argo CD stopped
 * or not yet started: none of the suite's has a finalizer); returns the names of those still there.
 */
export function removeArgoCdObjects(ctx: E2eContext, namespace: string): string {
  const { admin } = ctx.cluster;
  admin.run(['delete', ARGO_CD_KINDS, '--all', '-n', namespace, '--wait=true', '--timeout=60s']);
  return admin.run(['get', ARGO_CD_KINDS, '-n', namespace, '-o', 'name']).stdout.trim();
}

/** An Argo CD Application as the API server returns it (the fields the stage reads). */
export interface Application extends KubeObject {
  spec: { project: string; destination: { namespace?: string }; source?: { path?: string; directory?: { include?: string } } };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string };
    reconciledAt?: string;
    conditions?: { type: string; message: string }[];
    resources?: { group?: string; kind: string; namespace?: string; name: string; status?: string; health?: { status?: string } }[];
    operationState?: { phase?: string; startedAt?: string; message?: string; syncResult?: { revision?: string } };
    history?: { id: number; revision?: string; deployStartedAt?: string }[];
  };
}

export function applications(ctx: E2eContext, namespace: string, selector?: string): Application[] {
  return ctx.cluster.admin.list('applications.argoproj.io', namespace, selector) as Application[];
}

/** The Application of that name, as a list of zero or one (for waitForApplications). */
export function applicationNamed(ctx: E2eContext, namespace: string, name: string): Application[] {
  return applications(ctx, namespace).filter(a => a.metadata.name === name);
}

/** Applies an Application (server-side, as `fieldManager`): what a team's own kubectl or app-of-apps does. */
export function applyApplication(ctx: E2eContext, namespace: string, name: string, spec: Record<string, unknown>, fieldManager: string): void {
  ctx.cluster.admin.ok(
    ['apply', '--server-side', `--field-manager=${fieldManager}`, '-f', '-'],
    JSON.stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace }, spec }),
  );
}

/**
 * Asks Argo CD to look at Git again now, as its Git webhook does on a push (`normal`), or to also
 * regenerate the manifests (`hard`). The controller removes the annotation once it has refreshed.
 */
export function requestRefresh(ctx: E2eContext, namespace: string, names: readonly string[], kind: 'normal' | 'hard' = 'normal'): void {
  if (names.length === 0) return;
  ctx.cluster.admin.ok(['annotate', 'applications.argoproj.io', '-n', namespace, ...names, `argocd.argoproj.io/refresh=${kind}`, '--overwrite']);
}

/** Waits until `done` holds for the Applications `list()` returns; returns the seconds it took, or undefined on time-out. */
export async function waitForApplications(list: () => Application[], done: (apps: Application[]) => boolean, timeoutMs: number): Promise<number | undefined> {
  const started = Date.now();
  for (;;) {
    if (done(list())) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) return undefined;
    await sleep(1000);
  }
}

export function syncedAndHealthy(app: Application, revision?: string): boolean {
  return app.status?.sync?.status === 'Synced' && app.status?.health?.status === 'Healthy'
    && (revision === undefined || app.status?.sync?.revision === revision)
    && app.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined;
}

/** One line per Application: its sync and health status, the resources that are not Synced or Healthy, its conditions. */
export function describeApplications(apps: readonly Application[]): string {
  return apps.map(app => {
    const s = app.status;
    const resources = (s?.resources ?? [])
      .filter(r => r.status !== 'Synced' || (r.health?.status && r.health.status !== 'Healthy'))
      .map(r => `${r.kind}/${r.name}: ${r.status}${r.health?.status ? `, ${r.health.status}` : ''}`);
    const conditions = (s?.conditions ?? []).map(c => `${c.type}: ${c.message}`);
    return `${app.metadata.name}: ${s?.sync?.status ?? '?'} ${s?.health?.status ?? '?'} at ${s?.sync?.revision?.slice(0, 8) ?? '?'}`
      + `${s?.operationState ? ` (last operation ${s.operationState.phase}: ${s.operationState.message ?? ''})` : ''}`
      + `${resources.length ? `\n    ${resources.join('\n    ')}` : ''}${conditions.length ? `\n    ${conditions.join('\n    ')}` : ''}`;
  }).join('\n');
}
