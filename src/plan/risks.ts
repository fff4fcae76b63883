import { REQUIRED_SECRET_ANNOTATION } from '../constructs/namespace-config';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../validate/json';
import { JsonObject } from '../validate/types';
import { jsonEqual } from './json-diff';
import { ManifestFileSet, ManifestObject } from './manifest-set';
import { Roll } from './rolls';

/** A line a reviewer must see whenever it applies, however small the rest of the change. */
export interface Risk {
  readonly kind: 'rbac' | 'namespace-removed' | 'secret-required' | 'pod-security' | 'network-policy' | 'proxy' | 'size';
  readonly namespace: string;
  readonly message: string;
}

/** Both sides of one namespace's file; either may be absent (added or removed namespace). */
export interface NamespaceSides {
  readonly namespace: string;
  readonly before?: ManifestFileSet;
  readonly after?: ManifestFileSet;
}

const POD_SECURITY_LABEL = /^pod-security\.kubernetes\.io\//;

/** Every risk of one namespace's change. `proxyNamespace` is the spec's, so proxy changes are named as such. */
export function namespaceRisks(sides: NamespaceSides, proxyNamespace: string, rolls: readonly Roll[], preservedOnDeletion: boolean): Risk[] {
  const { namespace, before, after } = sides;
  const risks: Risk[] = [];
  const add = (kind: Risk['kind'], message: string) => risks.push({ kind, namespace, message });
  const old = new Map((before?.objects ?? []).map(o => [o.id, o]));
  const now = new Map((after?.objects ?? []).map(o => [o.id, o]));

  if (before && !after) {
    const kinds = countByKind(before.objects);
    add(
      'namespace-removed',
      `namespace ${namespace} is removed: a GitOps prune deletes its ${before.objects.length} objects (${kinds}), and deleting the Namespace takes everything running in it` +
        (preservedOnDeletion
          ? '; Argo CD keeps them until then (the ApplicationSet sets preserveResourcesOnDeletion), so delete them by hand or by a cascading app delete'
          : ''),
    );
  }

  for (const object of now.values()) {
    const was = old.get(object.id);
    if (object.kind === 'Role' || object.kind === 'ClusterRole') {
      const gained = [...ruleGrants(object.json)].filter(g => !ruleGrants(was?.json).has(g));
      if (gained.length > 0) add('rbac', `${object.id} ${was ? 'widens' : 'grants'}: ${gained.join('; ')}`);
    }
    if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
      const gained = [...bindingGrants(object.json)].filter(g => !bindingGrants(was?.json).has(g));
      if (gained.length > 0) add('rbac', `${object.id} ${was ? 'now binds' : 'binds'} ${gained.join('; ')}`);
    }
    if (object.kind === 'Namespace') {
      const levels = (json?: JsonObject) =>
        Object.entries(objectAt(objectAt(json, 'metadata'), 'labels') ?? {})
          .filter(([key]) => POD_SECURITY_LABEL.test(key))
          .map(([key, value]) => `${key}=${String(value)}`)
          .sort();
      const from = levels(was?.json);
      const to = levels(object.json);
      if (was && !jsonEqual(from, to)) add('pod-security', `Pod Security of ${namespace}: ${from.join(', ') || 'none'} → ${to.join(', ') || 'none'}`);
    }
  }
  if (before && after) {
    for (const id of [...new Set([...old.keys(), ...now.keys()])].sort()) {
      const was = old.get(id);
      const is = now.get(id);
      if ((was ?? is)!.kind !== 'NetworkPolicy' || jsonEqual(was?.json, is?.json)) continue;
      add('network-policy', `${id} is ${!was ? 'added' : !is ? 'removed' : 'changed'}: the traffic allowed to or from pods of ${namespace} changes`);
    }
  }
  for (const roll of rolls) {
    const labels = roll.reasons.filter(r => r.kind === 'pod-spec' && /^metadata\.labels/.test(r.field));
    if (labels.length > 0)
      add(
        'network-policy',
        `${roll.object}'s pod labels change (${labels.map(r => (r.kind === 'pod-spec' ? r.field : '')).join(', ')}): network policies select pods by label`,
      );
    if (roll.reasons.some(r => r.kind === 'pod-spec' && /securityContext/.test(r.field))) add('pod-security', `${roll.object} changes a securityContext`);
  }

  const oldSecrets = requiredSecrets(before?.objects ?? []);
  const newSecrets = [...requiredSecrets(after?.objects ?? [])].filter(s => !oldSecrets.has(s));
  if (newSecrets.length > 0) add('secret-required', `${namespace} newly requires ${newSecrets.join(', ')}: the pods do not start until it exists`);

  if (
    namespace === proxyNamespace &&
    !jsonEqual(
      [...old.values()].map(o => o.json),
      [...now.values()].map(o => o.json),
    )
  ) {
    const proxyRolls = rolls.map(r => r.object);
    const changed = [...now.keys()].filter(id => !jsonEqual(old.get(id)?.json, now.get(id)?.json)).length + [...old.keys()].filter(id => !now.has(id)).length;
    add(
      'proxy',
      `the proxy namespace ${namespace} changes (${changed} object(s))${proxyRolls.length > 0 ? `; ${proxyRolls.join(', ')} rolls: the proxy is every tenant's way in` : ''}`,
    );
  }
  return risks;
}

function countByKind(objects: readonly ManifestObject[]): string {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}

/** A Role's rules as single grants: `verb group/resource[/name]`, so a widened rule shows what it adds. */
function ruleGrants(role: JsonObject | undefined): Set<string> {
  const grants = new Set<string>();
  for (const rule of arrayAt(role, 'rules').filter(isJsonObject)) {
    const strings = (key: string) => arrayAt(rule, key).map(String);
    const groups = strings('apiGroups');
    const names = strings('resourceNames');
    for (const verb of strings('verbs')) {
      for (const resource of strings('resources')) {
        for (const group of groups.length > 0 ? groups : ['']) {
          const target = `${group === '' ? '' : `${group}/`}${resource}`;
          for (const name of names.length > 0 ? names : ['']) grants.add(`${verb} ${target}${name ? `/${name}` : ''}`);
        }
      }
      for (const url of strings('nonResourceURLs')) grants.add(`${verb} ${url}`);
    }
  }
  return grants;
}

function bindingGrants(binding: JsonObject | undefined): Set<string> {
  const ref = objectAt(binding, 'roleRef');
  const role = `${stringAt(ref, 'kind')} ${stringAt(ref, 'name')}`;
  return new Set(
    arrayAt(binding, 'subjects')
      .filter(isJsonObject)
      .map(s => `${s.kind} ${s.namespace ? `${String(s.namespace)}/` : ''}${String(s.name)} to ${role}`),
  );
}

/** `Secret name (keys)` the namespace needs and Git does not hold: what its ExternalSecrets create and its pods read from Secrets. */
function requiredSecrets(objects: readonly ManifestObject[]): Set<string> {
  const needed = new Set<string>();
  for (const object of objects) {
    if (object.kind === 'ExternalSecret') {
      const target = stringAt(objectAt(objectAt(object.json, 'spec'), 'target'), 'name') ?? object.name;
      for (const item of arrayAt(objectAt(object.json, 'spec'), 'data').filter(isJsonObject))
        needed.add(`Secret ${target} key ${String(item.secretKey)} (by ExternalSecret ${object.name})`);
    }
    // Without a secret store the Namespace names the Secret the cluster must already hold (src/constructs/namespace-config.ts).
    const required = stringAt(objectAt(objectAt(object.json, 'metadata'), 'annotations'), REQUIRED_SECRET_ANNOTATION);
    if (object.kind === 'Namespace' && required) {
      const [secret, keys = ''] = required.split(': ');
      for (const key of keys.split(', ').filter(k => k !== '')) needed.add(`Secret ${secret} key ${key} (created by hand: no secret store)`);
    }
  }
  return needed;
}

/**
 * Files over Argo CD's limit for one Application's manifests (each namespace's file is one
 * Application): Argo CD refuses to generate them, so nothing in that namespace syncs any more.
 */
export function oversizedFiles(files: Iterable<ManifestFileSet>, limit: number): Risk[] {
  return [...files]
    .filter(f => f.bytes > limit)
    .map(f => ({
      kind: 'size' as const,
      namespace: f.namespace,
      message: `${f.namespace}.k8s.yaml is ${f.bytes.toLocaleString('en-US')} bytes, over Argo CD's ${limit.toLocaleString('en-US')}-byte limit for one Application's manifests (reposerver.max.combined.directory.manifests.size): its Application stops syncing`,
    }));
}
