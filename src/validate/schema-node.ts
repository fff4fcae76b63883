/** The subset of OpenAPI v2 / v3 (JSON Schema) that Kubernetes definitions and CRD schemas use and the walk reads. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly oneOf?: readonly SchemaNode[];
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  /** Ours, for custom-resource refinements: how messages describe `pattern`, e.g. `a Go duration such as "1h"`. */
  readonly 'x-pattern-description'?: string;
}
