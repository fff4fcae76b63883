package dev.sparktenancy.steps;

import java.util.Map;
import java.util.Optional;

/** Reads a tenant namespace's config objects: the annotations of a ConfigMap, or nothing when it does not exist. */
@FunctionalInterface
public interface ConfigObjects {
  Optional<Map<String, String>> configMapAnnotations(String namespace, String name);
}
