import { Platform } from '../platform-spec/platform';
import { ARGOCD_MAX_DIRECTORY_MANIFEST_BYTES, MAX_OBJECT_JSON_BYTES } from '../validate/size-limits';
import { jsonBytes } from '../validate/json';
import { Drift, driftFromSynth, driftOf } from './drift';
import { changedPaths, jsonEqual } from './json-diff';
import { MANIFEST_SUFFIX } from '../synth/dist-writer';
import { Baseline, documentsByText, ManifestFileSet, ManifestObject, ManifestSet, ManifestSource, parseManifests } from './manifest-set';
import { namespaceRisks, NamespaceSides, oversizedFiles, Risk } from './risks';
import { Roll, rollOf } from './rolls';
import { SynthAtRef } from './spec-at-ref';

/** One namespace that changes: its objects by kind and name, and its file's size on both sides. */
export interface NamespaceChange {
  readonly namespace: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Changed objects with the fields that differ (two levels down: `data[krb5.conf]`, `spec.template`). */
  readonly changed: readonly { readonly object: string; readonly fields: readonly string[] }[];
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

/** What one synth would change in the committed manifests: the structure every format is printed from. */
export interface Plan {
  /** Where the committed side was read: `dist/`, or `<ref>:dist/`. */
  readonly baseline: string;
  /** Why the committed side is empty, when it is (then everything is planned as new). */
  readonly baselineMissing?: string;
  /** Anything at all would change in the committed files (objects, drift, or bytes). */
  readonly changes: boolean;
  readonly namespaces: readonly NamespaceChange[];
  /** Namespaces whose file stays byte for byte the same: counted, not listed. */
  readonly unchanged: number;
  readonly rolls: readonly Roll[];
  /** Pods the rolls replace (the workloads' replicas; an engine's executors go with it). */
  readonly pods: number;
  readonly risks: readonly Risk[];
  readonly drift: readonly Drift[];
  /** Why drift could only be judged from the committed files themselves (with `--against`, when the spec at the ref does not synthesize). */
  readonly driftNote?: string;
  readonly size: {
    readonly bytesBefore: number;
    readonly bytesAfter: number;
    readonly largestFile?: { readonly namespace: string; readonly bytes: number; readonly limit: number };
    readonly largestObject?: { readonly object: string; readonly bytes: number; readonly limit: number };
  };
}

/**
 * Compares what synth writes (`synthesized`: file name → YAML) with the committed baseline.
 * `baselineSpec` is what the baseline's own spec synthesizes, when known (`--against REF`): drift is
 * then every difference from it, besides what the committed files show by themselves.
 */
export function planChanges(platform: Platform, synthesized: ManifestSource, baseline: Baseline, baselineSpec?: SynthAtRef & { readonly ref: string }): Plan {
  const after = parseManifests(synthesized);
  const yamlOf = (file: string) => {
    const source = synthesized.get(file);
    return typeof source === 'string' ? source : source?.yaml;
  };
  // A file synth writes byte for byte as committed has nothing to plan and no drift: it is not even parsed.
  const unchangedFiles = new Set([...baseline.files.keys()].filter(file => baseline.files.get(file) === yamlOf(file)));
  const isUnchanged = (file: string) => unchangedFiles.has(file);
  const before = parseManifests(baseline.files, documentsByText(after), file => !isUnchanged(file));
  const names = [...new Set([...before.keys(), ...after.keys()])].filter(ns => !isUnchanged(`${ns}${MANIFEST_SUFFIX}`)).sort();
  const preserved = preservesOnDeletion(after);
  const namespaces: NamespaceChange[] = [];
  const rolls: Roll[] = [];
  const risks: Risk[] = [];
  const drift: Drift[] = [];
  for (const namespace of names) {
    const sides: NamespaceSides = { namespace, before: before.get(namespace), after: after.get(namespace) };
    if (sides.before) drift.push(...driftOf(sides.before));
    namespaces.push(namespaceChange(sides));
    const namespaceRolls = sides.before && sides.after ? rollsOf(platform, namespace, sides.before, sides.after) : [];
    rolls.push(...namespaceRolls);
    risks.push(...namespaceRisks(sides, platform.spec.proxy.namespace, namespaceRolls, preserved));
  }
  risks.push(...oversizedFiles(after.values(), ARGOCD_MAX_DIRECTORY_MANIFEST_BYTES));
  if (baselineSpec && 'files' in baselineSpec && !baseline.missing) {
    const expected = parseManifests(baselineSpec.files, documentsByText(before), file => !isUnchanged(file));
    drift.push(...driftFromSynth(before, expected, baselineSpec.ref));
  }
  const bytes = (files: Iterable<string>) => [...files].reduce((sum, yaml) => sum + Buffer.byteLength(yaml, 'utf8'), 0);
  const found = dedupe(drift);
  return {
    baseline: baseline.source,
    ...(baseline.missing ? { baselineMissing: baseline.missing } : {}),
    changes: namespaces.length > 0 || found.length > 0,
    namespaces,
    unchanged: unchangedFiles.size,
    rolls,
    pods: rolls.reduce((sum, r) => sum + r.pods, 0),
    risks,
    drift: found,
    ...(baselineSpec && 'problem' in baselineSpec ? { driftNote: baselineSpec.problem } : {}),
    size: { bytesBefore: bytes(baseline.files.values()), bytesAfter: [...after.values()].reduce((sum, f) => sum + f.bytes, 0), ...largest(after) },
  };
}

function namespaceChange({ namespace, before, after }: NamespaceSides): NamespaceChange {
  const old = new Map((before?.objects ?? []).map(o => [o.id, o]));
  const now = new Map((after?.objects ?? []).map(o => [o.id, o]));
  const changed = [...now.values()]
    .filter(o => old.has(o.id) && !jsonEqual(old.get(o.id)!.json, o.json))
    .map(o => ({ object: o.id, fields: changedPaths(old.get(o.id)!.json, o.json, 2) }));
  return {
    namespace,
    status: !before ? 'added' : !after ? 'removed' : 'changed',
    added: [...now.keys()].filter(id => !old.has(id)),
    removed: [...old.keys()].filter(id => !now.has(id)),
    changed,
    bytesBefore: before?.bytes ?? 0,
    bytesAfter: after?.bytes ?? 0,
  };
}

function rollsOf(platform: Platform, namespace: string, before: ManifestFileSet, after: ManifestFileSet): Roll[] {
  const old = new Map(before.objects.map(o => [o.id, o]));
  return after.objects.flatMap(object => {
    const was = old.get(object.id);
    const roll = was && rollOf(platform, namespace, { object: was, namespaceObjects: before.objects }, { object, namespaceObjects: after.objects });
    return roll ? [roll] : [];
  });
}

/** Whether the synthesized ApplicationSet keeps a removed namespace's objects (no prune on Application deletion). */
function preservesOnDeletion(after: ManifestSet): boolean {
  return [...after.values()].some(f =>
    f.objects.some(
      o =>
        o.kind === 'ApplicationSet' &&
        (o.json.spec as { syncPolicy?: { preserveResourcesOnDeletion?: boolean } } | undefined)?.syncPolicy?.preserveResourcesOnDeletion === true,
    ),
  );
}

/** The largest file (Argo CD's per-Application limit; one file per Application) and object (the API server's). */
function largest(after: ManifestSet): Pick<Plan['size'], 'largestFile' | 'largestObject'> {
  let file: ManifestFileSet | undefined;
  let object: { o: ManifestObject; bytes: number } | undefined;
  for (const f of after.values()) {
    if (!file || f.bytes > file.bytes) file = f;
    for (const o of f.objects) {
      const bytes = jsonBytes(o.json);
      if (!object || bytes > object.bytes) object = { o, bytes };
    }
  }
  return {
    ...(file ? { largestFile: { namespace: file.namespace, bytes: file.bytes, limit: ARGOCD_MAX_DIRECTORY_MANIFEST_BYTES } } : {}),
    ...(object ? { largestObject: { object: object.o.id, bytes: object.bytes, limit: MAX_OBJECT_JSON_BYTES } } : {}),
  };
}

function dedupe(drift: Drift[]): Drift[] {
  const seen = new Set<string>();
  return drift.filter(d => {
    const key = `${d.object}\n${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
