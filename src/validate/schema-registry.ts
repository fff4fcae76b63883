import crdSchemas from './crd-schemas.json';
import { CUSTOM_RESOURCE_REFINEMENTS, refineDefinitions } from './custom-resources';
import vendored from './k8s-schemas.json';
import type { SchemaNode } from './schema-node';

/** How the validator knows a kind. */
export interface KindInfo {
  readonly apiVersion: string;
  readonly kind: string;
  /** Name of the root definition in the schema registry. */
  readonly definition: string;
  readonly namespaced: boolean;
  /** `kubernetes`: a built-in kind of the vendored Kubernetes release; `custom`: a custom resource with a vendored CRD schema. */
  readonly source: 'kubernetes' | 'custom';
  /** How messages name where the schema comes from, e.g. "Kubernetes 1.37". */
  readonly origin: string;
}

/** Shape of the vendored `k8s-schemas.json` (see scripts/vendor-k8s-schemas.js). */
interface VendoredSchemas {
  /** The Kubernetes minor release the schemas are of, e.g. "1.37": the one the real-cluster suite runs. */
  readonly kubernetes: string;
  readonly kinds: Readonly<Record<string, { readonly definition: string; readonly namespaced: boolean }>>;
  readonly definitions: Readonly<Record<string, SchemaNode>>;
}

/** Shape of the vendored `crd-schemas.json` (see scripts/import-crds.js): each kind also says which CRD it is from. */
interface VendoredCrdSchemas {
  readonly kinds: Readonly<Record<string, { readonly definition: string; readonly namespaced: boolean; readonly origin: string }>>;
  readonly definitions: Readonly<Record<string, SchemaNode>>;
}

const kubernetes = vendored as unknown as VendoredSchemas;
const crds = crdSchemas as unknown as VendoredCrdSchemas;
const DEFINITION_PREFIX = '#/definitions/';
/** How messages name the built-in kinds' schemas, e.g. "Kubernetes 1.37". */
export const KUBERNETES_ORIGIN = `Kubernetes ${kubernetes.kubernetes}`;

const KINDS: ReadonlyMap<string, KindInfo> = new Map<string, KindInfo>([
  ...Object.entries(kubernetes.kinds).map(
    ([id, kind]) => [id, { ...splitKindId(id), ...kind, source: 'kubernetes' as const, origin: KUBERNETES_ORIGIN }] as const,
  ),
  ...Object.entries(crds.kinds).map(([id, kind]) => [id, { ...splitKindId(id), ...kind, source: 'custom' as const }] as const),
]);

const DEFINITIONS: Readonly<Record<string, SchemaNode>> = {
  ...kubernetes.definitions,
  ...refineDefinitions(crds.definitions, CUSTOM_RESOURCE_REFINEMENTS),
};

function splitKindId(id: string): { apiVersion: string; kind: string } {
  const slash = id.lastIndexOf('/');
  return { apiVersion: id.slice(0, slash), kind: id.slice(slash + 1) };
}

const API_VERSION = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;

/** `<version>` or `<group>/<version>` with a Kubernetes version such as v1, v2beta1. */
export function isApiVersion(value: string): boolean {
  return API_VERSION.test(value);
}

/** The kind as the vendored Kubernetes release or a vendored CRD knows it, or undefined. */
export function lookupKind(apiVersion: string, kind: string): KindInfo | undefined {
  return KINDS.get(`${apiVersion}/${kind}`);
}

/** apiVersions under which a kind of this name is known, for "did you mean" hints. */
export function knownApiVersionsOf(kind: string): string[] {
  return [...KINDS.values()].filter(info => info.kind === kind).map(info => info.apiVersion);
}

/** Definition name a `$ref` points to. */
export function refName(ref: string): string {
  return ref.startsWith(DEFINITION_PREFIX) ? ref.slice(DEFINITION_PREFIX.length) : ref;
}

/** The schema of a definition; throws on a dangling name, which would be a bug in the vendored data or a rule. */
export function definitionSchema(name: string): SchemaNode {
  const schema = DEFINITIONS[name];
  if (schema === undefined) throw new Error(`no schema definition named ${name}`);
  return schema;
}

/** A `$ref` node to a definition, so the walk enters (and announces) the root definition like any other. */
export function refTo(definition: string): SchemaNode {
  return { $ref: `${DEFINITION_PREFIX}${definition}` };
}
