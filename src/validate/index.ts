/**
 * Offline validation of synthesized manifests, as strict as the API server and admission would be:
 * 1. schema: types, required fields, enums and formats (kubernetes-models validators; `schema-check.ts`);
 * 2. strict: no field the Kubernetes schema (of the release the real-cluster suite runs) does not define, at any depth (`strict-fields.ts`), and
 *    names, labels, annotations and keys valid (`names.ts`);
 * 3. Pod Security Standards "restricted" on every pod spec, including pod template files in ConfigMaps
 *    (`pod-security.ts`, `pod-templates.ts`);
 * 4. size limits (`size-limits.ts`).
 */
import { checkObjectIdentity, checkObjectMeta, NAME_CHECKS } from './names';
import { WHOLE_OBJECT } from './fields';
import { describeValue, isJsonObject, objectAt, stringAt } from './json';
import { listManifestFiles, ManifestFile, readManifestFile } from './manifest-files';
import { findEmbeddedPods } from './pod-templates';
import { POD_SECURITY_CHECKS } from './pod-security';
import { checkAgainstModel } from './schema-check';
import { isApiVersion, KindInfo, knownApiVersionsOf, KUBERNETES_ORIGIN, lookupKind, refTo } from './schema-registry';
import { checkObjectSize, checkPodTemplateFileSize, SIZE_CHECKS } from './size-limits';
import { walkSchema } from './strict-fields';
import { DefinitionChecks, JsonObject, Report, Violation } from './types';

export type { Violation } from './types';
export { listManifestFiles, readManifestFile } from './manifest-files';
export type { ManifestFile } from './manifest-files';

const POD_DEFINITION = 'io.k8s.api.core.v1.Pod';
const CONFIG_MAP_DEFINITION = 'io.k8s.api.core.v1.ConfigMap';
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** Every definition check of every pass, merged by definition name. */
const DEFINITION_CHECKS: DefinitionChecks = mergeChecks(NAME_CHECKS, POD_SECURITY_CHECKS, SIZE_CHECKS);

function mergeChecks(...sets: DefinitionChecks[]): DefinitionChecks {
  const merged: Record<string, DefinitionChecks[string]> = {};
  for (const set of sets) {
    for (const [definition, checks] of Object.entries(set)) merged[definition] = [...(merged[definition] ?? []), ...checks];
  }
  return merged;
}

/** `dist/team-a.k8s.yaml: Deployment team-a/x: spec.template...: message`. */
export function formatViolation(violation: Violation): string {
  return `${violation.file}: ${violation.object}: ${violation.field}: ${violation.message}`;
}

/** How violations name an object: `Kind namespace/name`, `Kind name` when cluster-scoped, `document N` when unnamed. */
export function describeObject(document: unknown, position: number): string {
  const kind = stringAt(document, 'kind');
  const metadata = objectAt(document, 'metadata');
  const name = stringAt(metadata, 'name');
  if (kind === undefined || name === undefined) return kind === undefined ? `document ${position + 1}` : `${kind} (document ${position + 1})`;
  const namespace = stringAt(metadata, 'namespace');
  return `${kind} ${namespace === undefined ? '' : `${namespace}/`}${name}`;
}

/** Validates the objects of one manifest file (`file` only names them); empty YAML documents are skipped. */
export function validateDocuments(file: string, docs: readonly unknown[]): Violation[] {
  return [...validateEachDocument(file, docs), ...duplicateDefinitions(objectIdentities(file, docs))];
}

/** Validates each object of one manifest file on its own; duplicates need `duplicateDefinitions`. */
export function validateEachDocument(file: string, docs: readonly unknown[]): Violation[] {
  return docs.flatMap((document, position) => validateDocument(file, document, position));
}

/** Validates one object, the `position`-th document of `file`; duplicates need `duplicateDefinitions`. */
export function validateDocument(file: string, document: unknown, position: number): Violation[] {
  if (document === null || document === undefined) return [];
  const violations: Violation[] = [];
  const object = describeObject(document, position);
  validateObject(document, file, object, reporter(file, object, violations), violations);
  return violations;
}

/** Validates every `*.k8s.yaml` in `dir`, in file name order, including objects defined in more than one file. */
export function validateManifestDir(dir: string): Violation[] {
  return validateManifestFiles(listManifestFiles(dir).map(readManifestFile));
}

/** Validates parsed manifest files (see `readManifestFile`), in the order given. */
export function validateManifestFiles(files: readonly ManifestFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const { file, documents, parseViolations } of files) {
    violations.push(...parseViolations, ...documents.flatMap((document, position) => validateDocument(file, document, position)));
  }
  violations.push(...duplicateDefinitions(files.flatMap(({ file, documents }) => objectIdentities(file, documents))));
  // Report file by file, in the order given (sort is stable).
  const order = new Map(files.map(({ file }, index) => [file, index]));
  return violations.sort((a, b) => order.get(a.file)! - order.get(b.file)!);
}

/** Where one object is defined: its identity (group/kind/namespace/name), file, position and description. */
export interface ObjectIdentity {
  readonly identity: string;
  readonly file: string;
  readonly position: number;
  readonly object: string;
}

/** The identity of the `position`-th document of `file` (unnamed documents have none). */
export function identityOf(file: string, document: unknown, position: number): ObjectIdentity | undefined {
  const identity = objectIdentity(document);
  return identity === undefined ? undefined : { identity, file, position, object: describeObject(document, position) };
}

/** The identities of a file's objects. */
export function objectIdentities(file: string, documents: readonly unknown[]): ObjectIdentity[] {
  return documents.flatMap((document, position) => identityOf(file, document, position) ?? []);
}

/**
 * Objects defined twice, in the order given: in one file the second silently replaces the first; in two
 * files GitOps tools fight over it. The later definitions are the violations.
 */
export function duplicateDefinitions(identities: readonly ObjectIdentity[]): Violation[] {
  const violations: Violation[] = [];
  const first = new Map<string, ObjectIdentity>();
  for (const definition of identities) {
    const earlier = first.get(definition.identity);
    if (earlier === undefined) {
      first.set(definition.identity, definition);
      continue;
    }
    const message =
      earlier.file === definition.file
        ? `same kind, namespace and name as document ${earlier.position + 1}; each object must appear once, or the second silently replaces the first`
        : `also defined in ${earlier.file}; two manifests that own one object make GitOps tools fight over it`;
    violations.push({ file: definition.file, object: definition.object, field: 'metadata.name', message });
  }
  return violations;
}

function reporter(file: string, object: string, into: Violation[]): Report {
  return (field, message) => into.push({ file, object, field, message });
}

/** group/kind/namespace/name: the same object whatever the version it is written in. */
function objectIdentity(document: unknown): string | undefined {
  const apiVersion = stringAt(document, 'apiVersion');
  const kind = stringAt(document, 'kind');
  const name = stringAt(objectAt(document, 'metadata'), 'name');
  if (apiVersion === undefined || kind === undefined || name === undefined) return undefined;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return [group, kind, stringAt(objectAt(document, 'metadata'), 'namespace') ?? '', name].join('/');
}

function validateObject(document: unknown, file: string, object: string, report: Report, violations: Violation[]): void {
  if (!isJsonObject(document)) {
    report(WHOLE_OBJECT, `is ${describeValue(document)}, not a Kubernetes object (a mapping with apiVersion, kind and metadata)`);
    return;
  }
  const kind = resolveKind(document, report);
  checkObjectIdentity(document, kind, report);
  if (kind === undefined) {
    // Unknown kinds still get the checks that hold for every object.
    const metadata = objectAt(document, 'metadata');
    if (metadata !== undefined) checkObjectMeta(metadata, 'metadata', report);
  } else {
    const valuesChecked = checkAgainstModel(document, kind, report);
    walkSchema(document, refTo(kind.definition), '', report, { checkValues: !valuesChecked, definitionChecks: DEFINITION_CHECKS, schemaOrigin: kind.origin });
  }
  checkObjectSize(document, report);
  if (kind?.definition === CONFIG_MAP_DEFINITION) validateEmbeddedPods(document, file, object, report, violations);
}

/** Checks apiVersion and kind; returns how the validator knows the kind, or undefined (reported) when it does not. */
function resolveKind(document: JsonObject, report: Report): KindInfo | undefined {
  const { apiVersion, kind } = document;
  if (typeof apiVersion !== 'string') report('apiVersion', `is required and must be a string such as "v1" or "apps/v1" (got ${describeValue(apiVersion)})`);
  else if (!isApiVersion(apiVersion)) report('apiVersion', `must be "<version>" or "<group>/<version>", e.g. "apps/v1" (got ${describeValue(apiVersion)})`);
  if (typeof kind !== 'string') report('kind', `is required and must be a string such as "Deployment" (got ${describeValue(kind)})`);
  else if (!KIND.test(kind)) report('kind', `must be CamelCase, e.g. "ConfigMap" (got ${describeValue(kind)})`);
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;

  const known = lookupKind(apiVersion, kind);
  if (known === undefined) {
    const versions = knownApiVersionsOf(kind);
    const hint =
      versions.length > 0
        ? `; ${kind} is known as ${versions.map(version => `"${version}"`).join(', ')}`
        : '; add its CRD to scripts/import-crds.js if this custom resource is intended';
    report('kind', `unknown kind "${kind}" in "${apiVersion}": neither served by ${KUBERNETES_ORIGIN} nor defined by a vendored CRD${hint}`);
  }
  return known;
}

/**
 * Pod template files inside a ConfigMap get what a pod gets: strict fields, types, names, pod security and
 * exec size limits. Required fields are not checked: Spark completes the template (names, image, ...).
 * Tenants usually share identical templates, so each distinct data value is parsed and checked once and
 * its findings replayed for every ConfigMap that carries it.
 */
function validateEmbeddedPods(configMap: JsonObject, file: string, configMapObject: string, report: Report, violations: Violation[]): void {
  for (const [key, text] of Object.entries(objectAt(configMap, 'data') ?? {})) {
    if (typeof text !== 'string') continue;
    for (const finding of embeddedPodFindings(key, text)) {
      if (finding.pod === undefined) report(finding.field, finding.message);
      else violations.push({ file, object: `${configMapObject} → ${finding.pod}`, field: finding.field, message: finding.message });
    }
  }
}

/** A violation in an embedded pod template: `pod` names the pod (`driver-template.yaml Pod`), absent for the data value itself. */
interface EmbeddedFinding {
  readonly pod?: string;
  readonly field: string;
  readonly message: string;
}

/** Findings by data key, then by text: a nested map, so long texts are never copied into a combined key. */
const embeddedFindingsCache = new Map<string, Map<string, EmbeddedFinding[]>>();
const EMBEDDED_CACHE_LIMIT = 256;

function embeddedPodFindings(key: string, text: string): EmbeddedFinding[] {
  const cached = embeddedFindingsCache.get(key)?.get(text);
  if (cached) return cached;
  const findings: EmbeddedFinding[] = [];
  const onValue: Report = (field, message) => findings.push({ field, message });
  for (const embedded of findEmbeddedPods({ data: { [key]: text } }, onValue)) {
    checkPodTemplateFileSize(embedded.text, embedded.field, onValue);
    const inPod: Report = (field, message) => findings.push({ pod: embedded.label, field, message });
    const valuesChecked = checkAgainstModel(embedded.pod, { apiVersion: 'v1', kind: 'Pod' }, inPod, { ignoreRequired: true });
    walkSchema(embedded.pod, refTo(POD_DEFINITION), '', inPod, {
      checkValues: !valuesChecked,
      definitionChecks: DEFINITION_CHECKS,
      schemaOrigin: KUBERNETES_ORIGIN,
    });
  }
  const byText = embeddedFindingsCache.get(key) ?? new Map<string, EmbeddedFinding[]>();
  if (byText.size >= EMBEDDED_CACHE_LIMIT) byText.clear();
  byText.set(text, findings);
  if (embeddedFindingsCache.size >= EMBEDDED_CACHE_LIMIT) embeddedFindingsCache.clear();
  embeddedFindingsCache.set(key, byText);
  return findings;
}
