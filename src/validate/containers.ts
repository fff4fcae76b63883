import { childField, itemField } from './fields';
import { arrayAt, isJsonObject } from './json';
import { JsonObject } from './types';

/** The container lists of a pod spec; names are unique across all three and each is held to the same rules. */
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** A container of a pod spec with its field, e.g. `spec.template.spec.initContainers[0]`. */
export interface ContainerAt {
  readonly container: JsonObject;
  readonly field: string;
}

/** Every container of a pod spec (init, regular, ephemeral), skipping entries that are not mappings. */
export function containersOf(spec: JsonObject, specField: string): ContainerAt[] {
  return CONTAINER_LISTS.flatMap(list =>
    arrayAt(spec, list)
      .map((container, index) => ({ container, field: itemField(childField(specField, list), index) }))
      .filter((entry): entry is ContainerAt => isJsonObject(entry.container)),
  );
}
