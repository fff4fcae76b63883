package dev.sparktenancy.steps;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.deploy.k8s.KubernetesDriverConf;
import org.apache.spark.deploy.k8s.SparkPod;
import org.apache.spark.deploy.k8s.features.KubernetesDriverCustomFeatureConfigStep;

/**
 * Driver step, run by the proxy's spark-submit before the engine pod exists: the tenant namespace must
 * hold this platform's config objects of the current generation, as {@value #OBJECTS} lists them
 * (`name=hash`, comma-separated; each ConfigMap's {@value #HASH_ANNOTATION} annotation must equal the
 * hash). Otherwise the submit fails with a message naming the namespace and what is missing or stale,
 * and nothing is created, instead of a pod that waits in Init for a ConfigMap that never comes.
 */
public final class EngineNamespaceFeature implements KubernetesDriverCustomFeatureConfigStep {
  public static final String OBJECTS = "spark.tenancy.namespace.configMaps";
  public static final String HASH_ANNOTATION = "spark-tenancy.dev/content-hash";

  private KubernetesDriverConf conf;
  private final ConfigObjects objects;

  /** As Spark constructs it: reads the objects through the API server with the launcher's own identity. */
  public EngineNamespaceFeature() {
    this(EngineNamespaceFeature::fromApiServer);
  }

  EngineNamespaceFeature(ConfigObjects objects) {
    this.objects = objects;
  }

  @Override
  public void init(KubernetesDriverConf conf) {
    this.conf = conf;
  }

  @Override
  public SparkPod configurePod(SparkPod pod) {
    check(conf.namespace(), conf.sparkConf().get(OBJECTS, null), objects);
    return pod;
  }

  /** Throws a {@link LaunchError} naming every missing or stale ConfigMap of `namespace`. */
  static void check(String namespace, String listed, ConfigObjects objects) {
    if (listed == null || listed.isBlank()) {
      throw new LaunchError(OBJECTS + " is not set: the spark-defaults.conf spark-tenancy writes sets it (is this the tenant's generated configuration?)");
    }
    List<String> problems = new ArrayList<>();
    for (String entry : listed.split(",")) {
      int eq = entry.indexOf('=');
      String name = (eq < 0 ? entry : entry.substring(0, eq)).trim();
      String hash = eq < 0 ? null : entry.substring(eq + 1).trim();
      Optional<Map<String, String>> annotations = objects.configMapAnnotations(namespace, name);
      if (annotations.isEmpty()) {
        problems.add("ConfigMap " + name + " is missing");
      } else if (hash != null) {
        String found = annotations.get().get(HASH_ANNOTATION);
        if (!hash.equals(found)) {
          problems.add("ConfigMap " + name + " is of another generation (" + HASH_ANNOTATION + " " + (found == null ? "absent" : found) + ", this launch needs " + hash + ")");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new LaunchError("namespace " + namespace + " does not hold this platform's current configuration: " + String.join("; ", problems)
          + "; apply the namespace's file from dist/ (or let Argo CD sync it) and launch again");
    }
  }

  private static Optional<Map<String, String>> fromApiServer(String namespace, String name) {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      ConfigMap found = client.configMaps().inNamespace(namespace).withName(name).get();
      if (found == null) return Optional.empty();
      Map<String, String> annotations = found.getMetadata().getAnnotations();
      return Optional.of(annotations == null ? Map.of() : annotations);
    }
  }
}
