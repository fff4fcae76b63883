import * as path from 'path';
import { parse as parseProperties } from 'dot-properties';
import { parse as parseYaml } from 'yaml';
import { COMPONENT_LABEL } from '../names';
import { FRAGMENT_PROPERTIES } from '../spark/launch-fragments';
import { DRIVER_TEMPLATE_FILE, EXECUTOR_TEMPLATE_FILE, SPARK_DEFAULTS_FILE } from '../spark/pod-templates';
import { Platform } from '../platform-spec/platform';
import { CONFIG_SYNC_CONTAINER, readConfigSyncCommand } from '../sync/config-sync';
import { arrayAt, isJsonObject, objectAt } from '../validate/json';
import { JsonObject } from '../validate/types';
import { changedPaths, jsonEqual } from './json-diff';
import { ManifestObject } from './manifest-set';
import { deliveredFiles, DeliveredFile, fragmentPodSpec, podTemplateOf } from './pod-files';

/** Why a pod template changed, in the terms of the spec: a file, a Spark property, a pod template, an image, or another pod field. */
export type RollReason =
  | { readonly kind: 'file'; readonly path: string; readonly file: string; readonly source?: string; readonly change: 'changed' | 'added' | 'removed' }
  | { readonly kind: 'property'; readonly path: string; readonly key: string; readonly before?: string; readonly after?: string }
  | { readonly kind: 'template'; readonly path: string; readonly file: string; readonly because: readonly RollReason[] }
  | { readonly kind: 'image'; readonly container: string; readonly before?: string; readonly after?: string }
  | { readonly kind: 'pod-spec'; readonly field: string };

/** A workload whose pods are replaced because its pod template changed. */
export interface Roll {
  readonly namespace: string;
  readonly object: string;
  readonly kind: string;
  readonly name: string;
  /** The pod's `app.kubernetes.io/component` (engine, proxy, ...). */
  readonly component: string;
  /** Pods replaced: the workload's replicas. */
  readonly pods: number;
  readonly reasons: readonly RollReason[];
}

/** One side of a comparison: a workload and the objects of its namespace (where its ConfigMaps are). */
interface Side {
  readonly object: ManifestObject;
  readonly namespaceObjects: readonly ManifestObject[];
}

/**
 * The roll of a workload present on both sides, or undefined when its pod template is the same.
 * Reasons come from what the template delivers (config-sync's files, by path) mapped to the spec's
 * `files` entries, from the properties and pod templates the package generates, and from the images;
 * anything else that differs is named by its field.
 */
export function rollOf(platform: Platform, namespace: string, before: Side, after: Side): Roll | undefined {
  const oldTemplate = podTemplateOf(before.object);
  const newTemplate = podTemplateOf(after.object);
  if (!newTemplate || jsonEqual(oldTemplate, newTemplate)) return undefined;
  const reasons = podReasons(platform, oldTemplate ?? {}, newTemplate, before.namespaceObjects, after.namespaceObjects);
  const replicas = objectAt(after.object.json, 'spec')?.replicas;
  return {
    namespace,
    object: after.object.id,
    kind: after.object.kind,
    name: after.object.name,
    component: String(objectAt(objectAt(newTemplate, 'metadata'), 'labels')?.[COMPONENT_LABEL] ?? after.object.kind),
    pods: typeof replicas === 'number' ? replicas : 1,
    reasons: reasons.length > 0 ? reasons : [{ kind: 'pod-spec', field: 'spec.template' }],
  };
}

function podReasons(
  platform: Platform,
  before: JsonObject,
  after: JsonObject,
  oldObjects: readonly ManifestObject[],
  newObjects: readonly ManifestObject[],
): RollReason[] {
  const oldFiles = new Map(deliveredFiles(objectAt(before, 'spec') ?? {}, oldObjects).map(f => [f.path, f]));
  const newFiles = new Map(deliveredFiles(objectAt(after, 'spec') ?? {}, newObjects).map(f => [f.path, f]));
  const paths = [...new Set([...oldFiles.keys(), ...newFiles.keys()])].sort();
  const reasons: RollReason[] = [];
  for (const filePath of paths) {
    const was = oldFiles.get(filePath);
    const is = newFiles.get(filePath);
    if (was && is && was.check === is.check && was.from === is.from) continue;
    reasons.push(...fileReasons(platform, filePath, was, is, oldObjects, newObjects));
  }
  reasons.push(...imageReasons(before, after));
  for (const field of changedPaths(withoutDelivery(before), withoutDelivery(after), 4)) reasons.push({ kind: 'pod-spec', field });
  return reasons;
}

function fileReasons(
  platform: Platform,
  filePath: string,
  was: DeliveredFile | undefined,
  is: DeliveredFile | undefined,
  oldObjects: readonly ManifestObject[],
  newObjects: readonly ManifestObject[],
): RollReason[] {
  const name = (is ?? was)!.name;
  const specFile = platform.files.find(f => `${f.mountPath}/${f.name}` === filePath);
  const change = !was ? 'added' : !is ? 'removed' : 'changed';
  if (!specFile && change === 'changed' && was?.content && is?.content) {
    if (name === SPARK_DEFAULTS_FILE) {
      const properties = propertyReasons(filePath, was.content, is.content).map(reason =>
        reason.kind === 'property' && isFragment(reason.key) && reason.before !== undefined && reason.after !== undefined
          ? fragmentReason(platform, filePath, reason.key, reason.before, reason.after, oldObjects, newObjects)
          : reason,
      );
      if (properties.length > 0) return properties;
    }
    if (name === DRIVER_TEMPLATE_FILE || name === EXECUTOR_TEMPLATE_FILE) {
      const because = podReasons(platform, templatePod(was.content), templatePod(is.content), oldObjects, newObjects);
      return [{ kind: 'template', path: filePath, file: name, because }];
    }
  }
  const source = specFile?.sourcePath ? path.relative(platform.baseDir, specFile.sourcePath) : undefined;
  return [{ kind: 'file', path: filePath, file: name, ...(source !== undefined ? { source } : {}), change }];
}

function propertyReasons(filePath: string, before: Buffer, after: Buffer): RollReason[] {
  const was = parseProperties(before.toString('utf8')) as Record<string, string>;
  const is = parseProperties(after.toString('utf8')) as Record<string, string>;
  const keys = [...new Set([...Object.keys(was), ...Object.keys(is)])].sort();
  return keys
    .filter(key => was[key] !== is[key])
    .map(key => ({ kind: 'property' as const, path: filePath, key, ...(key in was ? { before: was[key] } : {}), ...(key in is ? { after: is[key] } : {}) }));
}

/** A feature step's fragment changed: named like a template, with what its pods receive differently. */
function fragmentReason(
  platform: Platform,
  filePath: string,
  key: string,
  before: string,
  after: string,
  oldObjects: readonly ManifestObject[],
  newObjects: readonly ManifestObject[],
): RollReason {
  const pod = (json: string) => ({ spec: fragmentPodSpec(JSON.parse(json) as JsonObject, []) });
  return { kind: 'template', path: filePath, file: key, because: podReasons(platform, pod(before), pod(after), oldObjects, newObjects) };
}

function isFragment(key: string): boolean {
  return (Object.values(FRAGMENT_PROPERTIES) as string[]).includes(key);
}

function templatePod(content: Buffer): JsonObject {
  const parsed: unknown = parseYaml(content.toString('utf8'));
  return isJsonObject(parsed) ? parsed : {};
}

function imageReasons(before: JsonObject, after: JsonObject): RollReason[] {
  const images = (template: JsonObject) =>
    new Map(
      ['initContainers', 'containers']
        .flatMap(list => arrayAt(objectAt(template, 'spec'), list).filter(isJsonObject))
        .map(c => [String(c.name), typeof c.image === 'string' ? c.image : undefined]),
    );
  const was = images(before);
  const is = images(after);
  const reasons: RollReason[] = [];
  for (const container of [...new Set([...was.keys(), ...is.keys()])].sort()) {
    const from = was.get(container);
    const to = is.get(container);
    if (from === to || from === undefined || to === undefined) continue; // a new or removed container is a pod-spec change
    reasons.push({ kind: 'image', container, before: from, after: to });
  }
  return reasons;
}

/**
 * The pod template without what the other reasons already explain: config-sync's plan and inline
 * contents (file reasons), images (image reasons) and the checksum annotation (which only sums up
 * the files). Its script stays: a new materializer does restart the pod.
 */
function withoutDelivery(template: JsonObject): JsonObject {
  const copy = JSON.parse(JSON.stringify(template)) as JsonObject;
  const annotations = objectAt(objectAt(copy, 'metadata'), 'annotations');
  if (annotations) delete annotations['checksum/config'];
  for (const list of ['initContainers', 'containers']) {
    for (const container of arrayAt(objectAt(copy, 'spec'), list).filter(isJsonObject)) {
      delete container.image;
      if (container.name !== CONFIG_SYNC_CONTAINER) continue;
      delete container.env;
      const command = arrayAt(container, 'command').filter((a): a is string => typeof a === 'string');
      container.command = [...readConfigSyncCommand(command).runner];
    }
  }
  return copy;
}
