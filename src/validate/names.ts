/**
 * Names pass: object names per kind, namespaces and scope, label and annotation keys and values, and the
 * names of containers, volumes, ports, env vars and ConfigMap/Secret keys, by the rules of the API server's
 * validation (k8s.io/apimachinery/pkg/util/validation), which kubernetes-models does not apply.
 */
import {
  CONFIG_MAP_KEY,
  DNS1035_LABEL,
  DNS1123_LABEL,
  DNS1123_SUBDOMAIN,
  ENV_VAR_NAME,
  IANA_SVC_NAME,
  LABEL_VALUE,
  NameFormat,
  PATH_SEGMENT,
  QUALIFIED_NAME_PART,
} from '../name-formats';
import { containersOf } from './containers';
import { childField, itemField } from './fields';
import { arrayAt, describeValue, isJsonObject, objectAt, stringAt } from './json';
import { KindInfo } from './schema-registry';
import { DefinitionChecks, JsonObject, Report } from './types';

/** A CronJob's Jobs are named `<cronjob>-<11 chars>`, so the API server caps CronJob names at 52. */
const CRONJOB_NAME: NameFormat = { ...DNS1123_SUBDOMAIN, maxLength: 52 };

/** Why `value` does not fit `format`, including what would, or undefined when it fits. */
function formatProblem(value: string, format: NameFormat): string | undefined {
  if (value.length > format.maxLength) {
    return `${describeValue(value)} is ${value.length} characters; must be at most ${format.maxLength} and ${format.description}`;
  }
  if (!format.pattern.test(value)) return `${describeValue(value)} is not ${format.description}, e.g. "${format.example}"`;
  return undefined;
}

function checkFormat(value: string, format: NameFormat, field: string, report: Report): void {
  const problem = formatProblem(value, format);
  if (problem !== undefined) report(field, problem);
}

/** Label keys and annotation keys: `[prefix/]name`, prefix a DNS subdomain. */
function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `${describeValue(key)} has more than one "/"; must be ${QUALIFIED_NAME_PART.description}`;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    const prefixProblem = formatProblem(prefix, DNS1123_SUBDOMAIN);
    if (prefixProblem !== undefined) return `prefix ${prefixProblem}`;
  }
  return formatProblem(name, QUALIFIED_NAME_PART);
}

function checkLabels(labels: JsonObject | undefined, field: string, report: Report): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem !== undefined) report(childField(field, key), `label key ${keyProblem}`);
    // Non-string values are the schema pass's finding.
    if (typeof value === 'string') {
      const valueProblem = formatProblem(value, LABEL_VALUE);
      if (valueProblem !== undefined) report(childField(field, key), `label value ${valueProblem}`);
    }
  }
}

function checkAnnotationKeys(annotations: JsonObject | undefined, field: string, report: Report): void {
  for (const key of Object.keys(annotations ?? {})) {
    // The API server lowercases annotation keys before checking them.
    const problem = qualifiedNameProblem(key.toLowerCase());
    if (problem !== undefined) report(childField(field, key), `annotation key ${problem}`);
  }
}

function metadataNameFormat(kind: KindInfo | undefined): NameFormat {
  if (kind?.source !== 'kubernetes') return DNS1123_SUBDOMAIN;
  if (kind.apiVersion === 'v1' && kind.kind === 'Namespace') return DNS1123_LABEL;
  if (kind.apiVersion === 'v1' && kind.kind === 'Service') return DNS1035_LABEL;
  if (kind.apiVersion.startsWith('rbac.authorization.k8s.io/')) return PATH_SEGMENT;
  if (kind.apiVersion.startsWith('batch/') && kind.kind === 'CronJob') return CRONJOB_NAME;
  return DNS1123_SUBDOMAIN;
}

/**
 * Top-level identity: `metadata.name` valid for the kind, and `metadata.namespace` present exactly when the
 * kind is namespaced (for unknown kinds, only checked when given).
 */
export function checkObjectIdentity(object: JsonObject, kind: KindInfo | undefined, report: Report): void {
  const metadata = objectAt(object, 'metadata');
  const name = stringAt(metadata, 'name');
  const format = metadataNameFormat(kind);
  if (name === undefined) report('metadata.name', `is required but missing; must be ${format.description}`);
  else checkFormat(name, format, 'metadata.name', report);

  const namespace = metadata?.namespace;
  if (kind !== undefined && !kind.namespaced && namespace !== undefined) {
    report('metadata.namespace', `must be absent: ${kind.kind} is cluster-scoped (got ${describeValue(namespace)})`);
  } else if (kind?.namespaced && namespace === undefined) {
    report('metadata.namespace', `is required: ${kind.kind} is namespaced and every manifest names its namespace explicitly`);
  } else if (typeof namespace === 'string') {
    checkFormat(namespace, DNS1123_LABEL, 'metadata.namespace', report);
  }
}

/** Labels and annotation keys of any ObjectMeta (objects, pod templates, PVC templates). */
export function checkObjectMeta(metadata: JsonObject, field: string, report: Report): void {
  checkLabels(objectAt(metadata, 'labels'), childField(field, 'labels'), report);
  checkAnnotationKeys(objectAt(metadata, 'annotations'), childField(field, 'annotations'), report);
}

/** Names of list items (containers, volumes, ports): unique, and each in `format`. */
function checkUniqueNames(items: ReadonlyArray<{ readonly item: unknown; readonly field: string }>, format: NameFormat, what: string, report: Report): void {
  const seen = new Set<string>();
  for (const { item, field } of items) {
    const name = stringAt(item, 'name');
    if (name === undefined) continue;
    const nameField = childField(field, 'name');
    if (seen.has(name)) report(nameField, `duplicate ${what} name ${describeValue(name)}; ${what} names must be unique`);
    seen.add(name);
    checkFormat(name, format, nameField, report);
  }
}

/** The items of the list at `key`, with their fields. */
function listItems(holder: JsonObject, key: string, field: string): Array<{ item: unknown; field: string }> {
  return arrayAt(holder, key).map((item, index) => ({ item, field: itemField(childField(field, key), index) }));
}

/** Container names unique across init, regular and ephemeral containers; volume names unique; mounts name volumes. */
function checkPodSpecNames(spec: JsonObject, field: string, report: Report): void {
  const containers = containersOf(spec, field);
  checkUniqueNames(
    containers.map(({ container, field: containerField }) => ({ item: container, field: containerField })),
    DNS1123_LABEL,
    'container',
    report,
  );
  checkUniqueNames(listItems(spec, 'volumes', field), DNS1123_LABEL, 'volume', report);

  const volumeNames = arrayAt(spec, 'volumes')
    .map(volume => stringAt(volume, 'name'))
    .filter((name): name is string => name !== undefined);
  for (const { container, field: containerField } of containers) {
    for (const { item: mount, field: mountField } of listItems(container, 'volumeMounts', containerField)) {
      const name = stringAt(mount, 'name');
      if (name !== undefined && !volumeNames.includes(name)) {
        const known = volumeNames.map(volume => `"${volume}"`).join(', ') || 'none';
        report(childField(mountField, 'name'), `refers to volume ${describeValue(name)}, which the pod does not define (volumes: ${known})`);
      }
    }
  }
}

function checkContainerNames(container: JsonObject, field: string, report: Report): void {
  checkUniqueNames(listItems(container, 'ports', field), IANA_SVC_NAME, 'port', report);
  for (const { item: variable, field: variableField } of listItems(container, 'env', field)) {
    const name = stringAt(variable, 'name');
    if (name !== undefined) checkFormat(name, ENV_VAR_NAME, childField(variableField, 'name'), report);
  }
}

/** A port given by name (probes, Service targetPort) must be an IANA service name. */
function checkNamedPort(holder: JsonObject, key: string, field: string, report: Report): void {
  const port = holder[key];
  if (typeof port === 'string') checkFormat(port, IANA_SVC_NAME, childField(field, key), report);
}

/** ConfigMap and Secret keys; a ConfigMap key may not be in both data and binaryData. */
function checkDataKeys(object: JsonObject, field: string, report: Report): void {
  const sections = ['data', 'binaryData', 'stringData'].filter(section => isJsonObject(object[section]));
  const dataKeys = new Set(Object.keys(objectAt(object, 'data') ?? {}));
  for (const section of sections) {
    for (const key of Object.keys(objectAt(object, section) ?? {})) {
      const keyField = childField(childField(field, section), key);
      checkFormat(key, CONFIG_MAP_KEY, keyField, report);
      if (section === 'binaryData' && dataKeys.has(key)) report(keyField, 'is also a key of data; a key may be in data or binaryData, not both');
    }
  }
}

function selectorMatches(selector: JsonObject, labels: JsonObject): boolean {
  const matchLabels = Object.entries(objectAt(selector, 'matchLabels') ?? {}).every(([key, value]) => labels[key] === value);
  return (
    matchLabels &&
    arrayAt(selector, 'matchExpressions').every(expression => {
      const key = stringAt(expression, 'key') ?? '';
      const values = arrayAt(expression, 'values');
      const present = key in labels;
      switch (stringAt(expression, 'operator')) {
        case 'In':
          return present && values.includes(labels[key]);
        case 'NotIn':
          return !(present && values.includes(labels[key]));
        case 'Exists':
          return present;
        case 'DoesNotExist':
          return !present;
        default:
          return true; // an invalid operator is the schema pass's finding
      }
    })
  );
}

/** Workloads: the API server rejects a selector that the pod template's own labels do not satisfy. */
function checkSelectorMatchesTemplate(spec: JsonObject, field: string, report: Report): void {
  const selector = objectAt(spec, 'selector');
  const template = objectAt(spec, 'template');
  if (selector === undefined || template === undefined) return;
  const labels = objectAt(objectAt(template, 'metadata'), 'labels') ?? {};
  if (!selectorMatches(selector, labels)) {
    report(
      childField(field, 'selector'),
      `does not select the pod template's labels (${childField(childField(childField(field, 'template'), 'metadata'), 'labels')}: ${JSON.stringify(labels)}); the selector must match them`,
    );
  }
}

/** Name checks by OpenAPI definition, run wherever the schema walk meets one. */
export const NAME_CHECKS: DefinitionChecks = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': [checkObjectMeta],
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': [
    (selector, field, report) => {
      checkLabels(objectAt(selector, 'matchLabels'), childField(field, 'matchLabels'), report);
      for (const { item: expression, field: expressionField } of listItems(selector, 'matchExpressions', field)) {
        const key = stringAt(expression, 'key');
        const problem = key === undefined ? undefined : qualifiedNameProblem(key);
        if (problem !== undefined) report(childField(expressionField, 'key'), `label key ${problem}`);
      }
    },
  ],
  'io.k8s.api.core.v1.PodSpec': [checkPodSpecNames],
  'io.k8s.api.apps.v1.DeploymentSpec': [checkSelectorMatchesTemplate],
  'io.k8s.api.apps.v1.ReplicaSetSpec': [checkSelectorMatchesTemplate],
  'io.k8s.api.apps.v1.StatefulSetSpec': [checkSelectorMatchesTemplate],
  'io.k8s.api.apps.v1.DaemonSetSpec': [checkSelectorMatchesTemplate],
  'io.k8s.api.core.v1.Container': [checkContainerNames],
  'io.k8s.api.core.v1.EphemeralContainer': [checkContainerNames],
  'io.k8s.api.core.v1.HTTPGetAction': [(action, field, report) => checkNamedPort(action, 'port', field, report)],
  'io.k8s.api.core.v1.TCPSocketAction': [(action, field, report) => checkNamedPort(action, 'port', field, report)],
  'io.k8s.api.core.v1.ServiceSpec': [
    (spec, field, report) => {
      checkLabels(objectAt(spec, 'selector'), childField(field, 'selector'), report);
      const ports = listItems(spec, 'ports', field);
      checkUniqueNames(ports, DNS1123_LABEL, 'port', report);
      for (const { item: port, field: portField } of ports.length > 1 ? ports : []) {
        if (stringAt(port, 'name') === undefined)
          report(childField(portField, 'name'), `is required when a Service has more than one port; must be ${DNS1123_LABEL.description}`);
      }
    },
  ],
  'io.k8s.api.core.v1.ServicePort': [(port, field, report) => checkNamedPort(port, 'targetPort', field, report)],
  'io.k8s.api.core.v1.KeyToPath': [
    (item, field, report) => {
      const key = stringAt(item, 'key');
      if (key !== undefined) checkFormat(key, CONFIG_MAP_KEY, childField(field, 'key'), report);
    },
  ],
  'io.k8s.api.core.v1.ConfigMap': [checkDataKeys],
  'io.k8s.api.core.v1.Secret': [checkDataKeys],
};
