import * as fs from 'fs';
import * as path from 'path';
import { objectNames } from '../../src/names';
import { Platform, PlatformFile } from '../../src/platform-spec/platform';
import { E2eContext } from './context';
import { KubeObject } from './kubectl';
import { Daemons, HarnessError, RunningDaemon, sleep, waitUntil } from './processes';

/**
 * External Secrets Operator's own controller (its release in e2e/versions.env, built from the Go module
 * proxy: see e2e/tools/external-secrets; the store here uses its fake provider), run against the suite's API server as a daemon of the suite, so the
 * keytab Secret arrives as it does in a user's cluster: the generated ExternalSecret, unchanged, read
 * by the real controller, which writes the Secret.
 */
export interface ExternalSecretsController {
  readonly daemon: RunningDaemon;
  readonly log: string;
  /** Seconds from start until its health endpoint answered. */
  readonly startSeconds: number;
}

const START_TIMEOUT_MS = 60_000;
const DELIVERY_TIMEOUT_MS = 60_000;

/**
 * Starts the core controller only: no webhook and no cert-controller (they are subcommands of the same
 * binary, `webhook` and `certcontroller`, which are not run), and none of the reconcilers whose kinds
 * the platform never generates (PushSecret, ClusterPushSecret, ClusterExternalSecret: their CRDs are
 * not installed). Its GeneratorState reconciler has no switch and waits for its kind, so that CRD is
 * installed here first.
 *
 * Identity: the admin kubeconfig (system:masters). Which rights ESO's controller needs is its Helm
 * chart's business, not what this stage judges (our ExternalSecret against the real controller); the
 * platform's own RBAC is checked as each of its ServiceAccounts elsewhere.
 *
 * With `onlyNamespace`, ESO's own `--namespace`: it then sees the ExternalSecrets of that namespace
 * alone (ClusterSecretStores still work), so it leaves every other namespace of the run alone (`--only
 * secrets` uses it; the default run's one controller watches every namespace and is stopped before the
 * fleet's thousand ExternalSecrets).
 */
export async function startExternalSecretsController(ctx: E2eContext, daemons: Daemons, onlyNamespace?: string): Promise<ExternalSecretsController> {
  const { admin } = ctx.cluster;
  const crds = ctx.tools.externalSecretsControllerCrds;
  const applied = admin.applyServerSide(crds, 'crd-installer');
  if (applied.status !== 0) throw new HarnessError(`the ESO controller's CRDs (${crds.join(', ')}) were refused: ${applied.stderr.trim()}`);
  const names = admin.ok(['get', ...crds.flatMap(f => ['-f', f]), '-o', 'name']).trim().split('\n');
  const established = admin.run(['wait', '--for=condition=Established', '--timeout=60s', ...names]);
  if (established.status !== 0) throw new HarnessError(`the ESO controller's CRDs are not Established: ${established.stderr.trim()}`);

  const dir = path.join(ctx.cluster.dir, 'external-secrets');
  fs.mkdirSync(dir, { recursive: true });
  const name = onlyNamespace ? `external-secrets-${onlyNamespace}` : 'external-secrets';
  const log = path.join(dir, `${name}.log`);
  const started = Date.now();
  const daemon = daemons.start(name, ctx.tools.bin.externalSecrets, [
    ...(onlyNamespace ? [`--namespace=${onlyNamespace}`] : []),
    // No metrics server at all (the default binds every address).
    '--metrics-addr=0',
    '--enable-leader-election=false',
    '--enable-push-secret-reconciler=false',
    '--enable-cluster-push-secret-reconciler=false',
    '--enable-cluster-external-secret-reconciler=false',
    '--loglevel=info',
    '--zap-time-encoding=iso8601',
  ], log, { ...process.env, KUBECONFIG: admin.kubeconfig });
  // v0.16 serves no health endpoint from its controller command: ready once controller-runtime has
  // synced the ExternalSecret reconciler's caches and started its workers, which it logs.
  await waitUntil(`the External Secrets controller (log: ${log})`, () => externalSecretWorkersStarted(log), {
    timeoutMs: START_TIMEOUT_MS, gaveUp: () => daemon.exited, describe: () => daemon.tail(),
  });
  const startSeconds = (Date.now() - started) / 1000;
  ctx.report.milestone(`External Secrets controller ${ctx.tools.externalSecrets} (fake provider${onlyNamespace ? `, namespace ${onlyNamespace} only` : ''}) running against ${ctx.cluster.server}`);
  return { daemon, log, startSeconds };
}

/**
 * What the platform's secret store must hold for ESO to find each secret file where the spec says
 * (`files[].remoteRef`, or the file's key), as the fake provider's `data` entries: the file's bytes as
 * base64 text (a store that holds text, as Vault's KV does; the spec's `decodingStrategy: Base64`
 * turns it back into bytes). With a `property`, the value is a JSON object holding the text at that
 * property: the fake provider reads it with gjson, where a dot is a path separator, so
 * `app.keytab` is {"app": {"keytab": ...}}.
 */
export function fakeStoreData(files: readonly PlatformFile[]): { key: string; value: string; version?: string }[] {
  const entries = new Map<string, { key: string; version?: string; whole?: string; object?: Record<string, unknown> }>();
  for (const file of files) {
    const ref = file.remoteRef ?? { key: file.key };
    const id = `${ref.key}\u0000${ref.version ?? ''}`;
    const entry = entries.get(id) ?? { key: ref.key, version: ref.version };
    entries.set(id, entry);
    const text = secretFileBytes(file).toString('base64');
    if (!ref.property) { entry.whole = text; continue; }
    let node = entry.object ??= {};
    const segments = gjsonPath(ref.property);
    for (const segment of segments.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>;
    node[segments[segments.length - 1]] = text;
  }
  return [...entries.values()].map(e => {
    if (e.whole !== undefined && e.object) throw new HarnessError(`store key ${e.key} is asked for both whole and by property`);
    return { key: e.key, value: e.whole ?? JSON.stringify(e.object), ...(e.version ? { version: e.version } : {}) };
  });
}

/** A gjson path's segments: split at dots, `\.` being a literal dot; wildcards and modifiers are refused. */
function gjsonPath(property: string): string[] {
  if (/[*?#|@!]/.test(property)) throw new HarnessError(`remoteRef.property ${property}: gjson wildcards and modifiers are not modelled by the suite's fake store`);
  return property.split(/(?<!\\)\./).map(s => s.replace(/\\\./g, '.'));
}

/** The bytes of a secret file (the suite's stand-in text when the spec has no source: the cluster alone holds it). */
export function secretFileBytes(file: PlatformFile): Buffer {
  return file.sourcePath ? fs.readFileSync(file.sourcePath) : Buffer.from('cluster-held secret\n');
}

/**
 * The platform's secret store (its `secrets.store` name and kind, as the spec says) made a fake-provider
 * store holding every secret file's bytes, then, for each namespace, a bounded wait until the real
 * controller has made the Secret that namespace's generated ExternalSecret asks for, with every key's
 * exact bytes and the ExternalSecret as its owner (creationPolicy Owner). The ExternalSecrets are the
 * applied ones, untouched. Returns the seconds from the store's creation until the last Secret arrived.
 */
export async function deliverSecretsByController(ctx: E2eContext, controller: ExternalSecretsController, platform: Platform,
  namespaces: readonly string[], timeoutMs = DELIVERY_TIMEOUT_MS): Promise<number> {
  const secretFiles = platform.files.filter(f => f.secret);
  if (secretFiles.length === 0) return 0;
  const started = Date.now();
  if (!applySecretStore(ctx, platform, namespaces)) return 0;
  const { admin } = ctx.cluster;
  const kind = platform.spec.secrets?.store?.kind ?? 'ClusterSecretStore';
  const store = platform.spec.secrets!.store!;
  const names = objectNames(platform.spec);
  const deadline = Date.now() + timeoutMs;
  for (const namespace of namespaces) {
    const externalSecret = admin.list('externalsecrets', namespace).find(e => e.metadata.name === names.secret);
    if (!ctx.report.check(`ExternalSecret ${namespace}/${names.secret} was applied`, externalSecret !== undefined,
      `no ExternalSecret ${names.secret} in ${namespace}`)) continue;
    const target = (externalSecret!.spec as { target?: { name?: string } }).target?.name ?? externalSecret!.metadata.name;
    let problem = 'not made yet';
    for (;;) {
      problem = secretProblem(ctx, namespace, target, externalSecret!, secretFiles);
      if (problem === '' || Date.now() > deadline || controller.daemon.exited) break;
      await sleep(500);
    }
    ctx.report.check(`Secret ${namespace}/${target} made by the External Secrets controller from ${kind} ${store.name} (${secretFiles.length} key(s), exact bytes, owned by its ExternalSecret)`,
      problem === '', problem === '' ? undefined : `${controller.daemon.exited ? 'the controller exited' : `not within ${Math.round(timeoutMs / 1000)} s`}: ${problem}\n`
        + `${externalSecretStatus(ctx, namespace, names.secret)}\ncontroller log ${controller.log}:\n${controller.daemon.tail(10)}`);
  }
  return (Date.now() - started) / 1000;
}

/**
 * The platform's secret store (its `secrets.store` name and kind, as the spec says; a SecretStore in
 * each of `namespaces`) as a fake-provider store holding every secret file's bytes. False (and a failed
 * check) when the API server refuses it.
 */
export function applySecretStore(ctx: E2eContext, platform: Platform, namespaces: readonly string[]): boolean {
  const secretFiles = platform.files.filter(f => f.secret);
  const store = platform.spec.secrets?.store;
  if (secretFiles.length === 0) return true;
  if (!store) throw new HarnessError('the spec has secret files but no secrets.store: no ExternalSecret to deliver them');
  const kind = store.kind ?? 'ClusterSecretStore';
  const storeProvider = { fake: { data: fakeStoreData(secretFiles) } };
  const storeNamespaces: (string | undefined)[] = kind === 'ClusterSecretStore' ? [undefined] : [...namespaces];
  for (const namespace of storeNamespaces) {
    const object = { apiVersion: 'external-secrets.io/v1', kind, metadata: { name: store.name, ...(namespace ? { namespace } : {}) }, spec: { provider: storeProvider } };
    const applied = ctx.cluster.admin.run(['apply', '--server-side', '--validate=strict', '--field-manager=secret-store-admin', '-f', '-'], JSON.stringify(object));
    const where = namespace ? `${namespace}/${store.name}` : store.name;
    if (!ctx.report.check(`${kind} ${where} (fake provider, ${storeProvider.fake.data.length} key(s)) accepted by the API server`,
      applied.status === 0, applied.stderr.trim())) return false;
  }
  return true;
}

/** '' when the Secret is there with every key's bytes and the ExternalSecret as its controller owner; else what is wrong. */
function secretProblem(ctx: E2eContext, namespace: string, name: string, externalSecret: KubeObject, files: readonly PlatformFile[]): string {
  const got = ctx.cluster.admin.run(['get', 'secret', name, '-n', namespace, '-o', 'json']);
  if (got.status !== 0) return got.stderr.trim();
  const secret = JSON.parse(got.stdout) as KubeObject & { data?: Record<string, string> };
  for (const file of files) {
    const held = secret.data?.[file.key];
    if (held === undefined) return `key ${file.key} is missing (keys: ${Object.keys(secret.data ?? {}).join(', ')})`;
    const expected = secretFileBytes(file);
    const bytes = Buffer.from(held, 'base64');
    if (!bytes.equals(expected)) {
      const asText = bytes.toString('utf8') === expected.toString('base64') ? ' (it holds the base64 text: is remoteRef.decodingStrategy Base64?)' : '';
      return `key ${file.key} holds ${bytes.length} bytes, not the file's ${expected.length}${asText}`;
    }
  }
  const owner = secret.metadata.ownerReferences?.find(o => o.controller);
  if (owner?.kind !== 'ExternalSecret' || owner.uid !== externalSecret.metadata.uid) {
    return `its controller owner is ${owner ? `${owner.kind} ${owner.name}` : 'none'}, not ExternalSecret ${externalSecret.metadata.name}`;
  }
  return '';
}

/** The ExternalSecret's conditions and the events about it, for a failure message: the controller's own words. */
function externalSecretStatus(ctx: E2eContext, namespace: string, name: string): string {
  const { admin } = ctx.cluster;
  const es = admin.run(['get', 'externalsecret', name, '-n', namespace, '-o', 'jsonpath={range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{"\\n"}{end}']);
  const events = admin.run(['get', 'events', '-n', namespace, '--field-selector', `involvedObject.name=${name}`, '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}']);
  return `ExternalSecret ${namespace}/${name} conditions:\n${es.stdout.trim() || es.stderr.trim() || '(none)'}\nevents:\n${events.stdout.trim() || '(none)'}`;
}

/** controller-runtime's "Starting workers" line (JSON, one per line) for the ExternalSecret controller. */
function externalSecretWorkersStarted(log: string): boolean {
  const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
  return text.split('\n').some(line => line.includes('"Starting workers"') && line.includes('"controllerKind":"ExternalSecret"'));
}

/** The run's one controller per Daemons (per suite run): started on first use, shared by every stage after. */
const runningControllers = new WeakMap<Daemons, Promise<ExternalSecretsController>>();

export function externalSecretsController(ctx: E2eContext, daemons: Daemons): Promise<ExternalSecretsController> {
  let controller = runningControllers.get(daemons);
  if (!controller) {
    controller = startExternalSecretsController(ctx, daemons);
    runningControllers.set(daemons, controller);
    controller.then(c => ctx.report.time('external-secrets controller start (every namespace)', c.startSeconds), () => undefined);
  }
  return controller;
}

/**
 * The Secret of each namespace made by ESO's real controller (one per run, watching every namespace,
 * started on first use) from the spec's store, checked byte for byte. Call it after the namespaces'
 * files (their ExternalSecrets) are applied. A keytab kept as text in the store needs the spec's
 * `decodingStrategy: Base64` (the example sets it), or the Secret holds its base64 text.
 */
export async function secretsFromController(ctx: E2eContext, daemons: Daemons, platform: Platform, namespaces: readonly string[]): Promise<void> {
  const controller = await externalSecretsController(ctx, daemons);
  const seconds = await deliverSecretsByController(ctx, controller, platform, namespaces);
  ctx.report.time(`external-secrets Secret arrival (${namespaces.join(', ')})`, seconds);
}

/**
 * Stops the run's shared controller, if one was started (SIGTERM, then SIGKILL after 10 s; bounded):
 * before the fleet's thousand ExternalSecrets, which it would otherwise reconcile during their timing.
 */
export async function stopExternalSecretsController(daemons: Daemons): Promise<void> {
  const pending = runningControllers.get(daemons);
  runningControllers.delete(daemons);
  const controller = pending ? await pending.catch(() => undefined) : undefined;
  await controller?.daemon.stop();
}
