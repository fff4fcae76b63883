/**
 * What the validator checks of the custom resources beyond their CRDs' OpenAPI schemas.
 *
 * The schemas themselves are vendored in `crd-schemas.json` (scripts/import-crds.js, from the CRDs of the
 * versions the real-cluster suite installs): what the API server enforces when the objects are applied.
 * A refinement here is for what the schema leaves open but the controller rejects later, while it
 * reconciles, where a mistake shows up as a failing object in the cluster instead of a failing `validate`.
 * Each refinement is merged over the CRD's own node; one whose field the CRD no longer has fails loudly
 * when the schemas load, so a version bump cannot drop it unnoticed.
 */
import type { SchemaNode } from './schema-node';

/** A schema fragment merged over one node of a vendored CRD schema. */
export interface SchemaRefinement {
  /** The root definition, e.g. `io.external-secrets.v1.ExternalSecret`. */
  readonly definition: string;
  /** Property names from the root; `[]` steps into the items of an array. */
  readonly path: readonly string[];
  /** Keywords that replace or add to the CRD node's. */
  readonly schema: SchemaNode;
}

const EXTERNAL_SECRET = 'io.external-secrets.v1.ExternalSecret';

/** Go `time.ParseDuration` syntax, e.g. "1h", "90s", "1h30m", "0". */
const GO_DURATION: SchemaNode = {
  pattern: '^[-+]?(0|([0-9]*(\\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+)$',
  'x-pattern-description': 'a Go duration such as "1h", "90s" or "1h30m"',
};

// The CRD's patterns, said in words for the messages (the walk otherwise quotes the regular expression).
const DNS_SUBDOMAIN_WORDS: SchemaNode = { 'x-pattern-description': 'a DNS-1123 subdomain such as "my-secrets"' };
const SECRET_KEY_WORDS: SchemaNode = { 'x-pattern-description': 'a Secret key (letters, digits, "-", "_" and ".")' };

export const CUSTOM_RESOURCE_REFINEMENTS: readonly SchemaRefinement[] = [
  // The CRD types refreshInterval as any string; ESO parses it with time.ParseDuration and the
  // ExternalSecret then never syncs ("1 hour" is applied without complaint).
  { definition: EXTERNAL_SECRET, path: ['spec', 'refreshInterval'], schema: GO_DURATION },
  { definition: EXTERNAL_SECRET, path: ['spec', 'secretStoreRef', 'name'], schema: DNS_SUBDOMAIN_WORDS },
  { definition: EXTERNAL_SECRET, path: ['spec', 'target', 'name'], schema: DNS_SUBDOMAIN_WORDS },
  { definition: EXTERNAL_SECRET, path: ['spec', 'data', '[]', 'secretKey'], schema: SECRET_KEY_WORDS },
];

/** `definitions` with `refinements` merged in; throws when a refinement names a node the schemas do not have. */
export function refineDefinitions(definitions: Readonly<Record<string, SchemaNode>>, refinements: readonly SchemaRefinement[]): Record<string, SchemaNode> {
  const refined: Record<string, SchemaNode> = { ...definitions };
  for (const refinement of refinements) {
    const root = refined[refinement.definition];
    if (root === undefined) throw new Error(`custom-resource refinement for ${refinement.definition}: no such CRD definition`);
    refined[refinement.definition] = refineAt(root, refinement.path, refinement);
  }
  return refined;
}

/** A copy of `node` with the refinement merged at `path` (the nodes along the way copied, the rest shared). */
function refineAt(node: SchemaNode, path: readonly string[], refinement: SchemaRefinement): SchemaNode {
  if (path.length === 0) return { ...node, ...refinement.schema };
  const [step, ...rest] = path;
  if (step === '[]' && node.items !== undefined) return { ...node, items: refineAt(node.items, rest, refinement) };
  const child = node.properties?.[step];
  if (child === undefined) {
    throw new Error(`custom-resource refinement for ${refinement.definition}: the CRD has no field ${refinement.path.join('.')}`);
  }
  return { ...node, properties: { ...node.properties, [step]: refineAt(child, rest, refinement) } };
}
