#!/usr/bin/env node
/*
 * Vendors the part of Kubernetes' OpenAPI definitions that `src/validate` needs offline, from the
 * OpenAPI document of the Kubernetes release the real-cluster suite runs (KUBERNETES_VERSION in
 * e2e/versions.env), so the offline check and the real API server speak of the same Kubernetes:
 *   node scripts/vendor-k8s-schemas.js [swagger.json] [output.json]
 * Default input: api/openapi-spec/swagger.json of the k8s.io/kubernetes Go module at that version
 * (from the Go module proxy, through Go's module cache); default output: src/validate/k8s-schemas.json.
 *
 * The output is committed: the validator needs neither Go nor the network. It keeps, for every kind a
 * GitOps tool can apply, the definitions reachable from it, reduced to the keywords a structural walk
 * needs (descriptions and merge hints dropped), plus each kind's scope. Which kinds can be applied and
 * their scope come from the document's paths: a kind is applicable when it has a path of its own
 * ending in `{name}` that can be replaced (PUT), which leaves out subresources (Scale, Binding,
 * Eviction), read-only kinds (ComponentStatus) and create-only reviews (TokenReview, ...); it is
 * namespaced when that path is under `namespaces/{namespace}`.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { componentVersions, moduleDir, repoRoot } = require('./lib/component-versions');

const kubernetesVersion = componentVersions().KUBERNETES_VERSION;
const inputPath = path.resolve(process.argv[2] ?? path.join(moduleDir(`k8s.io/kubernetes@${kubernetesVersion}`), 'api', 'openapi-spec', 'swagger.json'));
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

/** Applicable kinds and their scope, from the paths (see the header). */
function applicableKinds(paths) {
  const scopes = new Map();
  for (const [route, operations] of Object.entries(paths)) {
    const gvk = operations.put?.['x-kubernetes-group-version-kind'];
    if (!gvk || !route.endsWith('/{name}')) continue;
    const id = `${gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version}/${gvk.kind}`;
    scopes.set(id, route.includes('/namespaces/{namespace}/'));
  }
  return scopes;
}

function main() {
  const { definitions, paths } = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
  const scopes = applicableKinds(paths);
  const kinds = new Map();
  for (const [name, definition] of Object.entries(definitions)) {
    if (definition.properties?.metadata?.$ref !== OBJECT_META_REF) continue;
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      const id = `${gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version}/${gvk.kind}`;
      if (scopes.has(id)) kinds.set(id, { definition: name, namespaced: scopes.get(id) });
    }
  }
  const undefinedKinds = [...scopes.keys()].filter(id => !kinds.has(id));
  if (undefinedKinds.length > 0) throw new Error(`kinds with paths but no definition: ${undefinedKinds.join(', ')}`);

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
    `"source": ${JSON.stringify(`api/openapi-spec/swagger.json of k8s.io/kubernetes ${kubernetesVersion}, reduced by scripts/vendor-k8s-schemas.js; do not edit`)},`,
    `"kubernetes": ${JSON.stringify(kubernetesVersion.replace(/^v(\d+\.\d+).*/, '$1'))},`,
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
