import { createHash } from 'crypto';
import { ManifestYamlWriter } from '../synth/yaml-writer';
import { objectAt } from '../validate/json';
import { changedPaths, jsonEqual } from './json-diff';
import { ManifestFileSet, ManifestSet } from './manifest-set';
import { deliveredFiles, podTemplateOf } from './pod-files';

/** An object in the committed manifests that synth did not write as it stands: a hand edit. */
export interface Drift {
  readonly namespace: string;
  readonly object: string;
  readonly message: string;
}

const MANAGED_BY = 'app.kubernetes.io/managed-by';

/**
 * Hand edits found in the committed files themselves, with no second synth to compare against:
 * - a document that is not byte for byte what the package's writer makes of it (edited values that
 *   change quoting or layout, comments, reordered keys);
 * - an object without the package's `managed-by` label (added by hand);
 * - a file whose delivered bytes no longer hash to the sha256 its init container checks (a file
 *   edited in a ConfigMap or in an env value): the pod would fail to start;
 * - a document that is not an API object.
 */
export function driftOf(file: ManifestFileSet): Drift[] {
  const writer = new ManifestYamlWriter();
  const drift: Drift[] = [];
  const add = (object: string, message: string) => drift.push({ namespace: file.namespace, object, message });
  for (const text of file.unreadable) add(text, 'not an API object synth writes');
  for (const object of file.objects) {
    if (writer.stringify(object.json) !== object.text) add(object.id, 'not as synth writes it: edited by hand (value, comment or layout)');
    if (objectAt(objectAt(object.json, 'metadata'), 'labels')?.[MANAGED_BY] !== 'spark-tenancy')
      add(object.id, `has no ${MANAGED_BY}: spark-tenancy label: not written by spark-tenancy`);
    const template = podTemplateOf(object);
    if (!template) continue;
    for (const delivered of deliveredFiles(objectAt(template, 'spec') ?? {}, file.objects)) {
      if (!delivered.content || !/^[0-9a-f]{64}$/.test(delivered.check)) continue;
      if (createHash('sha256').update(delivered.content).digest('hex') === delivered.check) continue;
      add(
        delivered.from === 'env' ? object.id : `${delivered.from.replace(' ', ` ${file.namespace}/`)}`,
        `${delivered.path} for ${object.id} no longer matches the sha256 its init container checks: its content was edited by hand, and the pod would fail to start`,
      );
    }
  }
  return drift;
}

/**
 * Drift against what the baseline's own spec synthesizes (`--against REF`: the spec and its files
 * as committed at REF): every committed object that differs from it, is not made by it, or is
 * missing. This catches any hand edit, also one that keeps synth's layout.
 */
export function driftFromSynth(committed: ManifestSet, expected: ManifestSet, ref: string): Drift[] {
  const drift: Drift[] = [];
  for (const namespace of [...new Set([...committed.keys(), ...expected.keys()])].sort()) {
    const have = new Map((committed.get(namespace)?.objects ?? []).map(o => [o.id, o]));
    const want = new Map((expected.get(namespace)?.objects ?? []).map(o => [o.id, o]));
    for (const [id, object] of have) {
      const wanted = want.get(id);
      if (!wanted) drift.push({ namespace, object: id, message: `the spec at ${ref} does not make this object: added by hand` });
      else if (!jsonEqual(wanted.json, object.json))
        drift.push({
          namespace,
          object: id,
          message: `differs from what the spec at ${ref} synthesizes (${changedPaths(wanted.json, object.json, 3).join(', ')}): edited by hand`,
        });
    }
    for (const id of want.keys()) {
      if (!have.has(id)) drift.push({ namespace, object: id, message: `the spec at ${ref} makes this object, but it is not committed: removed by hand` });
    }
  }
  return drift;
}
