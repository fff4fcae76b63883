#!/usr/bin/env node
/*
 * Regenerates what the package knows of the custom resources it emits, from the CRD files of the
 * versions in e2e/versions.env (the ones the real-cluster suite installs):
 *   node scripts/import-crds.js
 * - imports/external-secrets.io.ts, imports/argoproj.io.ts: typed constructs, by `cdk8s import` of
 *   local copies of the CRDs (offline);
 * - src/validate/crd-schemas.json: the storage version's openAPIV3Schema reduced to the keywords the
 *   validator's walk reads, so `spark-tenancy validate` checks against the CRD itself.
 *
 * Needs `go` (the CRDs ship inside the components' Go modules; the module proxy or cache provides them).
 * Both outputs are committed: synth, tests and validation never need the network.
 */
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const YAML = require('yaml');
const { componentVersions, moduleDir, repoRoot } = require('./lib/component-versions');

const versions = componentVersions();

/** The CRDs, grouped by the module `cdk8s import` writes (one per API group). */
const SOURCES = [
  {
    module: 'external-secrets.io',
    component: `External Secrets Operator ${versions.EXTERNAL_SECRETS_VERSION}`,
    goModule: `github.com/external-secrets/external-secrets@${versions.EXTERNAL_SECRETS_VERSION}`,
    files: ['config/crds/bases/external-secrets.io_externalsecrets.yaml'],
  },
  {
    module: 'argoproj.io',
    component: `Argo CD ${versions.ARGOCD_VERSION}`,
    goModule: `github.com/argoproj/argo-cd/v3@${versions.ARGOCD_VERSION}`,
    toolchain: versions.ARGOCD_GOTOOLCHAIN,
    files: ['manifests/crds/application-crd.yaml', 'manifests/crds/applicationset-crd.yaml', 'manifests/crds/appproject-crd.yaml'],
  },
];

/** Schema keywords the walker reads (src/validate/strict-fields.ts); descriptions, defaults and CEL rules are dropped. */
const KEPT_KEYWORDS = new Set([
  'type',
  'format',
  'enum',
  'required',
  'items',
  'properties',
  'additionalProperties',
  'pattern',
  'minLength',
  'maxLength',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
]);

const OBJECT_META_REF = { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' };

function reduce(node) {
  if (Array.isArray(node)) return node.map(reduce);
  if (node === null || typeof node !== 'object') return node;
  const kept = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (!KEPT_KEYWORDS.has(keyword)) continue;
    if (keyword === 'properties') kept.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, reduce(child)]));
    else kept[keyword] = reduce(value);
  }
  return kept;
}

/** The version's schema as the validator walks it: no status (the controller writes it), metadata as ObjectMeta (the API server checks it so). */
function validationSchema(openAPIV3Schema) {
  const schema = reduce(openAPIV3Schema);
  const { status: _status, ...properties } = schema.properties;
  return { ...schema, properties: { ...properties, metadata: OBJECT_META_REF } };
}

/**
 * The copy `cdk8s import` reads: the storage version only, the one the package writes (ESO v0.16 also
 * serves the deprecated v1beta1, which v0.17 and later no longer serve: neither the typed module nor
 * validation knows it, so an object of it fails offline as it would on a current cluster), and an
 * ApplicationSet whose generators are the `list` generator alone, the
 * only one the package writes: every other generator repeats the whole Application template, which
 * makes the generated module 3.5 MB instead of a few hundred KB. A value of the narrower type is still
 * valid under the full CRD, which is what the real-cluster suite applies it to.
 */
function importCopy(crd) {
  const copy = JSON.parse(JSON.stringify(crd));
  copy.spec.versions = copy.spec.versions.filter(version => version.served && version.storage);
  if (copy.spec.names.kind === 'ApplicationSet') {
    for (const version of copy.spec.versions) {
      const generator = version.schema.openAPIV3Schema.properties.spec.properties.generators.items;
      generator.properties = { list: generator.properties.list };
    }
  }
  return copy;
}

/** `external-secrets.io` → `io.external-secrets`, as Kubernetes names definitions. */
function definitionPrefix(group) {
  return group.split('.').reverse().join('.');
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-tenancy-crds-'));
const vendored = { source: 'CRDs of the components in e2e/versions.env, reduced by scripts/import-crds.js; do not edit', kinds: {}, definitions: {} };
try {
  for (const source of SOURCES) {
    const dir = moduleDir(source.goModule, source.toolchain);
    const copies = [];
    for (const file of source.files) {
      for (const document of YAML.parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))) {
        const crd = document.toJS();
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        copies.push(importCopy(crd));
        for (const version of crd.spec.versions.filter(v => v.served && v.storage)) {
          const definition = `${definitionPrefix(crd.spec.group)}.${version.name}.${crd.spec.names.kind}`;
          vendored.kinds[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = {
            definition,
            namespaced: crd.spec.scope === 'Namespaced',
            origin: `the ${crd.spec.group}/${version.name} CRD of ${source.component}`,
          };
          vendored.definitions[definition] = validationSchema(version.schema.openAPIV3Schema);
        }
      }
    }
    const input = path.join(work, `${source.module}.yaml`);
    fs.writeFileSync(input, copies.map(copy => YAML.stringify(copy)).join('---\n'));
    execFileSync(
      path.join(repoRoot, 'node_modules', '.bin', 'cdk8s'),
      ['import', '--no-save', '--language', 'typescript', '--output', path.join(repoRoot, 'imports'), input],
      { cwd: work, env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' }, stdio: 'inherit' },
    );
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

// One kind or definition a line, like k8s-schemas.json: reviewable diffs when a version changes.
const lines = record =>
  Object.entries(record)
    .map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`)
    .join(',\n');
fs.writeFileSync(
  path.join(repoRoot, 'src', 'validate', 'crd-schemas.json'),
  `{\n"source": ${JSON.stringify(vendored.source)},\n"kinds": {\n${lines(vendored.kinds)}\n},\n"definitions": {\n${lines(vendored.definitions)}\n}\n}\n`,
);
