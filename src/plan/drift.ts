import { createHash } from 'crypto';
import { ManifestYamlWriter } from '../synth/yaml-writer';
import { objectAt } from '../validate/json';
import { ManifestFileSet } from './manifest-set';
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
    if (objectAt(objectAt(object.json, 'metadata'), 'labels')?.[MANAGED_BY] !== 'spark-tenancy') add(object.id, `has no ${MANAGED_BY}: spark-tenancy label: not written by spark-tenancy`);
    const template = podTemplateOf(object);
    if (!template) continue;
    for (const delivered of deliveredFiles(objectAt(template, 'spec') ?? {}, file.objects)) {
      if (!delivered.content || !/^[0-9a-f]{64}$/.test(delivered.check)) continue;
      if (createHash('sha256').update(delivered.content).digest('hex') === delivered.check) continue;
      add(delivered.from === 'env' ? object.id : `${delivered.from.replace(' ', ` ${file.namespace}/`)}`,
        `${delivered.path} for ${object.id} no longer matches the sha256 its init container checks: its content was edited by hand, and the pod would fail to start`);
    }
  }
  return drift;
}
