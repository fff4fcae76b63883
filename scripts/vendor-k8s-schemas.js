#!/usr/bin/env node
/*
 * Vendors the part of the Kubernetes 1.27 OpenAPI definitions that `src/validate` needs offline:
 *   node scripts/vendor-k8s-schemas.js [definitions.json] [output.json]
 * Defaults: ../shared/reference/k8s-v1.27.0-definitions.json -> src/validate/k8s-schemas.json
 *
 * The output is committed: the validator must work in a clone that has no ../shared folder.
 * It keeps, for every kind a GitOps tool can apply, the definitions reachable from it, reduced to the
 * keywords a structural walk needs (descriptions and merge hints dropped), plus each kind's scope,
 * which the OpenAPI definitions do not carry.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..');
const inputPath = path.resolve(process.argv[2] ?? path.join(repoRoot, '..', 'shared', 'reference', 'k8s-v1.27.0-definitions.json'));
const outputPath = path.resolve(process.argv[3] ?? path.join(repoRoot, 'src', 'validate', 'k8s-schemas.json'));

/** Schema keywords the walker reads; everything else (descriptions, patch strategies, list types) is dropped. */
const KEPT_KEYWORDS = new Set([
  '$ref',
  'type',
  'format',
  'enum',
  'required',
  'items',
  'properties',
  'additionalProperties',
  'oneOf',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
]);

/** Cluster-scoped kinds of Kubernetes 1.27 (`kubectl api-resources --namespaced=false`); every other kind is namespaced. */
const CLUSTER_SCOPED = [
  'v1/Namespace',
  'v1/Node',
  'v1/PersistentVolume',
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1alpha1/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/v1alpha1/ValidatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/v1/CustomResourceDefinition',
  'apiregistration.k8s.io/v1/APIService',
  'certificates.k8s.io/v1/CertificateSigningRequest',
  'certificates.k8s.io/v1alpha1/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema',
  'flowcontrol.apiserver.k8s.io/v1beta2/PriorityLevelConfiguration',
  'flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema',
  'flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration',
  'internal.apiserver.k8s.io/v1alpha1/StorageVersion',
  'networking.k8s.io/v1/IngressClass',
  'networking.k8s.io/v1alpha1/ClusterCIDR',
  'networking.k8s.io/v1alpha1/IPAddress',
  'node.k8s.io/v1/RuntimeClass',
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'resource.k8s.io/v1alpha2/ResourceClass',
  'scheduling.k8s.io/v1/PriorityClass',
  'storage.k8s.io/v1/CSIDriver',
  'storage.k8s.io/v1/CSINode',
  'storage.k8s.io/v1/StorageClass',
  'storage.k8s.io/v1/VolumeAttachment',
];

/**
 * Kinds with ObjectMeta that cannot be applied from Git: subresources, read-only and create-only "review" kinds.
 * Leaving them out makes a manifest that uses one fail as an unknown kind.
 */
const NOT_APPLICABLE = new Set([
  'v1/Binding',
  'v1/ComponentStatus',
  'autoscaling/v1/Scale',
  'policy/v1/Eviction',
  'authentication.k8s.io/v1/TokenRequest',
  'authentication.k8s.io/v1/TokenReview',
  'authentication.k8s.io/v1alpha1/SelfSubjectReview',
  'authentication.k8s.io/v1beta1/SelfSubjectReview',
  'authorization.k8s.io/v1/LocalSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview',
  'authorization.k8s.io/v1/SubjectAccessReview',
]);

const OBJECT_META_REF = '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

function reduceSchema(schema) {
  const reduced = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (!KEPT_KEYWORDS.has(keyword)) continue;
    if (keyword === 'properties') {
      // Property names are data, not keywords: a property may well be called "description" or "type".
      reduced.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, reduceSchema(sub)]));
    } else if (keyword === 'items' || (keyword === 'additionalProperties' && typeof value === 'object')) {
      reduced[keyword] = reduceSchema(value);
    } else if (keyword === 'oneOf') {
      reduced.oneOf = value.map(reduceSchema);
    } else {
      reduced[keyword] = value;
    }
  }
  return reduced;
}

/** Walks schema structure (not raw JSON: JSONSchemaProps has a property literally named "$ref"). */
function collectRefs(schema, into) {
  if (schema.$ref) into.push(schema.$ref.replace('#/definitions/', ''));
  Object.values(schema.properties ?? {}).forEach(sub => collectRefs(sub, into));
  (schema.oneOf ?? []).forEach(sub => collectRefs(sub, into));
  if (schema.items) collectRefs(schema.items, into);
  if (typeof schema.additionalProperties === 'object') collectRefs(schema.additionalProperties, into);
}

function sortedObject(entries) {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function main() {
  const { definitions } = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
  const kinds = new Map();
  for (const [name, definition] of Object.entries(definitions)) {
    if (definition.properties?.metadata?.$ref !== OBJECT_META_REF) continue;
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      const id = `${apiVersion}/${gvk.kind}`;
      if (NOT_APPLICABLE.has(id)) continue;
      kinds.set(id, { definition: name, namespaced: !CLUSTER_SCOPED.includes(id) });
    }
  }
  const missing = CLUSTER_SCOPED.filter(id => !kinds.has(id));
  if (missing.length > 0) throw new Error(`cluster-scoped kinds absent from the definitions: ${missing.join(', ')}`);

  const reachable = new Map();
  const queue = [...kinds.values()].map(kind => kind.definition);
  while (queue.length > 0) {
    const name = queue.pop();
    if (reachable.has(name)) continue;
    if (!definitions[name]) throw new Error(`dangling $ref: ${name}`);
    const reduced = reduceSchema(definitions[name]);
    reachable.set(name, reduced);
    collectRefs(reduced, queue);
  }

  const lines = [
    '{',
    `"source": ${JSON.stringify(`${path.basename(inputPath)}, reduced by scripts/vendor-k8s-schemas.js; do not edit`)},`,
    '"kinds": {',
    Object.entries(sortedObject(kinds))
      .map(([id, kind]) => `${JSON.stringify(id)}: ${JSON.stringify(kind)}`)
      .join(',\n'),
    '},',
    '"definitions": {',
    Object.entries(sortedObject(reachable))
      .map(([name, schema]) => `${JSON.stringify(name)}: ${JSON.stringify(schema)}`)
      .join(',\n'),
    '}',
    '}',
  ];
  fs.writeFileSync(outputPath, `${lines.join('\n')}\n`);
  console.log(`${path.relative(repoRoot, outputPath)}: ${kinds.size} kinds, ${reachable.size} definitions`);
}

main();
