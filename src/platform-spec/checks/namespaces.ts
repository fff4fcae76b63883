import { DNS1123_SUBDOMAIN, fitsFormat, LABEL_VALUE, QUALIFIED_NAME_PART } from '../../name-formats';
import { argoCdNamespaceClash } from '../platform';
import type { PlatformSpec } from '../types';
import type { Segments, Report } from './report';
import { UNRENDERABLE_KEYS } from './files';

/* Tenant namespaces and their labels: reserved names, duplicates, label formats and the package's own label keys. */

/**
 * Namespaces the platform must not manage: Kubernetes' own, and `default` (where anything lands that
 * names no namespace).
 */
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Label keys and prefixes the package sets on Namespaces; a tenant's `labels` replace them only with an opt-in. */
const PACKAGE_LABEL_PREFIXES = ['spark-tenancy.dev/', 'pod-security.kubernetes.io/', 'app.kubernetes.io/', 'kubernetes.io/'];

/** Argo CD's own namespace belongs to Argo CD: the platform must not also manage it. */
export function checkArgoCdNamespace(spec: PlatformSpec, report: Report): void {
  const clash = argoCdNamespaceClash(spec);
  if (!clash) return;
  const explicit = spec.gitops?.argocd?.namespace !== undefined;
  const where = explicit ? ['gitops', 'argocd', 'namespace'] : ['gitops', 'argocd'];
  report(
    where,
    `Argo CD's namespace "${clash.namespace}"${explicit ? '' : ' (the default)'} is also ${clash.owner}; set gitops.argocd.namespace to the namespace Argo CD runs in`,
  );
}

export function checkReservedNamespace(namespace: string, where: Segments, report: Report): void {
  if (RESERVED_NAMESPACES.includes(namespace)) {
    report(
      where,
      `"${namespace}" is reserved (${RESERVED_NAMESPACES.join(', ')} belong to Kubernetes and to objects that name no namespace); ` +
        'give the platform a namespace of its own',
    );
  }
}

export function checkTenants(spec: PlatformSpec, report: Report): void {
  const firstIndex = new Map<string, number>();
  const mayReplaceLabels = spec.tenantPolicy?.allowLabelOverride === true;
  spec.tenants.forEach((tenant, i) => {
    const where = ['tenants', i, 'namespace'];
    checkReservedNamespace(tenant.namespace, where, report);
    if (tenant.namespace === spec.proxy.namespace) {
      report(where, `"${tenant.namespace}" is the proxy namespace; a tenant needs a namespace of its own`);
    }
    const first = firstIndex.get(tenant.namespace);
    if (first !== undefined) {
      report(where, `"${tenant.namespace}" is already declared as tenants[${first}]; each tenant namespace appears once`);
    } else {
      firstIndex.set(tenant.namespace, i);
    }
    for (const [key, value] of Object.entries(tenant.labels ?? {})) {
      const labelProblem = UNRENDERABLE_KEYS.has(key)
        ? `label key "${key}" cannot be rendered (the manifest renderer drops or rejects it as a map key); choose another label key, e.g. example.com/${key.replace(/^_+/, '')}`
        : (checkLabel(key, value) ?? (mayReplaceLabels ? undefined : packageLabelProblem(key)));
      if (labelProblem) report(['tenants', i, 'labels', key], labelProblem, true);
    }
  });
}

/** A tenant label in a key space the package writes: it could switch off Pod Security or the tenant marker. */
function packageLabelProblem(key: string): string | undefined {
  const prefix = PACKAGE_LABEL_PREFIXES.find(p => key.startsWith(p));
  if (prefix === undefined) return undefined;
  return (
    `label key "${key}" is in ${prefix}, which the package sets on the Namespace (Pod Security level, tenant marker, names); ` +
    'a tenant entry cannot replace it unless tenantPolicy.allowLabelOverride is true; use a key of your own, e.g. example.com/team'
  );
}

function checkLabel(key: string, value: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !fitsFormat(prefix, DNS1123_SUBDOMAIN)) {
    return `label key "${key}" has an invalid prefix (a DNS subdomain such as example.com)`;
  }
  if (!fitsFormat(name, QUALIFIED_NAME_PART)) {
    return `label key "${key}" is invalid (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;
  }
  if (!fitsFormat(value, LABEL_VALUE)) {
    return `label value "${value}" is invalid (empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;
  }
  return undefined;
}
