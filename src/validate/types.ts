/** One problem in one object of one manifest file. */
export interface Violation {
  /** The manifest file, as the caller named it, e.g. `dist/team-a.k8s.yaml`. */
  readonly file: string;
  /** The object, e.g. `Deployment team-a/my-project-engine` or `ConfigMap my-project/x → driver-template.yaml Pod`. */
  readonly object: string;
  /** Path of the offending field in the object, e.g. `spec.template.spec.containers[0].image`; `.` is the whole object. */
  readonly field: string;
  /** What is wrong and what would be valid. */
  readonly message: string;
}

/** Records a violation of the object being checked at `field`. */
export type Report = (field: string, message: string) => void;

/**
 * A check that runs on every value of one OpenAPI definition (e.g. every `io.k8s.api.core.v1.Container`),
 * wherever the schema walk meets it: `field` is the value's own path.
 */
export type DefinitionCheck = (value: JsonObject, field: string, report: Report) => void;

/** Checks keyed by the OpenAPI definition name they apply to. */
export type DefinitionChecks = Readonly<Record<string, readonly DefinitionCheck[]>>;

/** A parsed JSON/YAML mapping. */
export type JsonObject = { [key: string]: unknown };
