/**
 * Hand-written, deliberately partial schemas for the custom resources this project emits, in the same dialect
 * as the vendored Kubernetes definitions so one walker checks both.
 *
 * The CRDs are not installed where CI runs and their full schemas change from release to release, so each
 * rule holds only what the controller cannot do without and has been stable across releases: the fields the
 * CRD marks required, their types and enums, and closed field lists where a typo would silently do nothing.
 * Anything else is `x-kubernetes-preserve-unknown-fields`, i.e. left to the cluster.
 */
import type { SchemaNode } from './schema-registry';

const OBJECT_META: SchemaNode = { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' };
const STRING: SchemaNode = { type: 'string' };
const BOOLEAN: SchemaNode = { type: 'boolean' };
const OPEN_OBJECT: SchemaNode = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const OPEN_LIST: SchemaNode = { type: 'array', items: OPEN_OBJECT };
const STRING_LIST: SchemaNode = { type: 'array', items: STRING };
const STRING_MAP: SchemaNode = { type: 'object', additionalProperties: STRING };
const DNS_SUBDOMAIN: SchemaNode = {
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
  'x-pattern-description': 'a DNS-1123 subdomain such as "my-secrets"',
};
/** Go `time.ParseDuration` syntax, e.g. "1h", "90s", "1h30m", "0". */
const GO_DURATION: SchemaNode = {
  type: 'string',
  pattern: '^[-+]?(0|([0-9]*(\\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+)$',
  'x-pattern-description': 'a Go duration such as "1h", "90s" or "1h30m"',
};

function rootOf(spec: SchemaNode, required: readonly string[]): SchemaNode {
  return {
    type: 'object',
    required,
    properties: { apiVersion: STRING, kind: STRING, metadata: OBJECT_META, spec, status: OPEN_OBJECT },
  };
}

// external-secrets.io/v1 (config/crds/bases/external-secrets.io_externalsecrets.yaml, v0.16.0 and later; the
// remoteRef enums are the same through v2.9)
const EXTERNAL_SECRET_SPEC: SchemaNode = {
  type: 'object',
  properties: {
    secretStoreRef: {
      type: 'object',
      properties: { name: DNS_SUBDOMAIN, kind: { type: 'string', enum: ['SecretStore', 'ClusterSecretStore'] } },
    },
    target: {
      type: 'object',
      properties: {
        name: DNS_SUBDOMAIN,
        creationPolicy: { type: 'string', enum: ['Owner', 'Orphan', 'Merge', 'None'] },
        deletionPolicy: { type: 'string', enum: ['Delete', 'Merge', 'Retain'] },
        immutable: BOOLEAN,
        template: OPEN_OBJECT,
      },
    },
    refreshInterval: GO_DURATION,
    data: {
      type: 'array',
      items: {
        type: 'object',
        required: ['secretKey', 'remoteRef'],
        properties: {
          secretKey: { type: 'string', pattern: '^[-._a-zA-Z0-9]+$', 'x-pattern-description': 'a Secret key (letters, digits, "-", "_" and ".")' },
          remoteRef: {
            type: 'object',
            required: ['key'],
            'x-kubernetes-preserve-unknown-fields': true,
            properties: {
              key: STRING,
              property: STRING,
              version: STRING,
              conversionStrategy: { type: 'string', enum: ['Default', 'Unicode'] },
              decodingStrategy: { type: 'string', enum: ['Auto', 'Base64', 'Base64URL', 'None'] },
              metadataPolicy: { type: 'string', enum: ['None', 'Fetch'] },
            },
          },
          sourceRef: OPEN_OBJECT,
        },
      },
    },
    dataFrom: OPEN_LIST,
  },
};

// argoproj.io/v1alpha1 (manifests/crds/application-crd.yaml, applicationset-crd.yaml)
const ARGO_SOURCE: SchemaNode = {
  type: 'object',
  required: ['repoURL'],
  'x-kubernetes-preserve-unknown-fields': true,
  properties: { repoURL: STRING, path: STRING, targetRevision: STRING, chart: STRING, ref: STRING },
};

const ARGO_APPLICATION_SPEC: SchemaNode = {
  type: 'object',
  required: ['destination', 'project'],
  'x-kubernetes-preserve-unknown-fields': true,
  properties: {
    project: STRING,
    destination: { type: 'object', properties: { server: STRING, name: STRING, namespace: STRING } },
    source: ARGO_SOURCE,
    sources: { type: 'array', items: ARGO_SOURCE },
    syncPolicy: {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: {
        automated: { type: 'object', properties: { prune: BOOLEAN, selfHeal: BOOLEAN, allowEmpty: BOOLEAN } },
        syncOptions: STRING_LIST,
      },
    },
    revisionHistoryLimit: { type: 'integer', format: 'int64' },
  },
};

const ARGO_APPLICATION_SET_SPEC: SchemaNode = {
  type: 'object',
  required: ['generators', 'template'],
  'x-kubernetes-preserve-unknown-fields': true,
  properties: {
    generators: OPEN_LIST,
    syncPolicy: {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: { preserveResourcesOnDeletion: BOOLEAN },
    },
    goTemplate: BOOLEAN,
    goTemplateOptions: STRING_LIST,
    template: {
      type: 'object',
      required: ['metadata', 'spec'],
      properties: {
        metadata: {
          type: 'object',
          properties: { name: STRING, namespace: STRING, labels: STRING_MAP, annotations: STRING_MAP, finalizers: STRING_LIST },
        },
        spec: ARGO_APPLICATION_SPEC,
      },
    },
  },
};

// argoproj.io/v1alpha1 (manifests/crds/appproject-crd.yaml): closed where a typo would widen or empty a list.
const GROUP_KIND: SchemaNode = { type: 'object', required: ['group', 'kind'], properties: { group: STRING, kind: STRING } };
const ARGO_APP_PROJECT_SPEC: SchemaNode = {
  type: 'object',
  'x-kubernetes-preserve-unknown-fields': true,
  properties: {
    description: STRING,
    sourceRepos: STRING_LIST,
    destinations: { type: 'array', items: { type: 'object', properties: { server: STRING, name: STRING, namespace: STRING } } },
    clusterResourceWhitelist: { type: 'array', items: GROUP_KIND },
    namespaceResourceWhitelist: { type: 'array', items: GROUP_KIND },
    clusterResourceBlacklist: { type: 'array', items: GROUP_KIND },
    namespaceResourceBlacklist: { type: 'array', items: GROUP_KIND },
  },
};

/** Root definitions of the custom resources, keyed like the Kubernetes ones. */
export const CUSTOM_RESOURCE_DEFINITIONS: Readonly<Record<string, SchemaNode>> = {
  'io.external-secrets.v1.ExternalSecret': rootOf(EXTERNAL_SECRET_SPEC, ['spec']),
  'io.argoproj.v1alpha1.Application': rootOf(ARGO_APPLICATION_SPEC, ['metadata', 'spec']),
  'io.argoproj.v1alpha1.ApplicationSet': rootOf(ARGO_APPLICATION_SET_SPEC, ['spec']),
  'io.argoproj.v1alpha1.AppProject': rootOf(ARGO_APP_PROJECT_SPEC, ['metadata', 'spec']),
};

/** The custom kinds with a rule; any other kind outside Kubernetes 1.27 is reported as unknown. */
export const CUSTOM_RESOURCE_KINDS = [
  { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', definition: 'io.external-secrets.v1.ExternalSecret', namespaced: true },
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', definition: 'io.argoproj.v1alpha1.Application', namespaced: true },
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', definition: 'io.argoproj.v1alpha1.ApplicationSet', namespaced: true },
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', definition: 'io.argoproj.v1alpha1.AppProject', namespaced: true },
] as const;
