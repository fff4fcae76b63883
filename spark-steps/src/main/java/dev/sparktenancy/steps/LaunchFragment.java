package dev.sparktenancy.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What synth decided for the pods of one role, as a Spark property holds it (JSON): the config-sync
 * init container with its plan, the volumes, the main container's mounts and env, the pod's and the
 * main container's security contexts (Pod Security `restricted` admits nothing less), whether the pod
 * mounts its ServiceAccount token (executors run user code: they do not), the host aliases of the
 * pod's own (a tenant's, fixed at synth), and the files to carry inline, which are read at launch. Everything static is computed once, by synth, from the spec;
 * the step adds only what is known at launch (file contents, the launcher's host aliases).
 */
public record LaunchFragment(
    String role,
    Container initContainer,
    List<Volume> volumes,
    List<VolumeMount> volumeMounts,
    List<EnvVar> env,
    PodSecurityContext securityContext,
    SecurityContext containerSecurityContext,
    Boolean automountServiceAccountToken,
    List<HostAlias> hostAliases,
    List<InlineFiles.InlineFile> inlineFiles,
    boolean launcherHostAliases) {

  /** The roles whose pods a step configures: a driver step launches engines, an executor step executors. */
  static final Set<String> ROLES = Set.of("engine", "executor");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fragment in `property`'s value; a missing, malformed or other-role value is a {@link LaunchError} naming the property. */
  public static LaunchFragment parse(String property, String value, String expectedRole) {
    if (value == null || value.isBlank()) {
      throw new LaunchError(property + " is not set: the spark-defaults.conf spark-tenancy writes sets it (is this the tenant's generated configuration?)");
    }
    try {
      JsonNode root = JSON.readTree(value);
      String role = text(root, "role", property);
      if (!ROLES.contains(role)) {
        throw new LaunchError(property + ": unknown role \"" + role + "\"; the steps configure the pods of the roles " + String.join(", ", ROLES.stream().sorted().toList()));
      }
      if (!role.equals(expectedRole)) {
        throw new LaunchError(property + " describes " + role + " pods, but this step configures " + expectedRole + " pods");
      }
      List<InlineFiles.InlineFile> inline = new ArrayList<>();
      for (JsonNode file : list(root, "inlineFiles")) {
        inline.add(new InlineFiles.InlineFile(text(file, "variable", property), text(file, "source", property), text(file, "mode", property), text(file, "target", property)));
      }
      return new LaunchFragment(
          role,
          JSON.treeToValue(required(root, "initContainer", property), Container.class),
          values(root, "volumes", Volume.class),
          values(root, "volumeMounts", VolumeMount.class),
          values(root, "env", EnvVar.class),
          value(root, "securityContext", PodSecurityContext.class),
          value(root, "containerSecurityContext", SecurityContext.class),
          root.path("automountServiceAccountToken").isBoolean() ? root.get("automountServiceAccountToken").asBoolean() : null,
          values(root, "hostAliases", HostAlias.class),
          inline,
          root.path("launcherHostAliases").asBoolean(false));
    } catch (JsonProcessingException e) {
      throw new LaunchError(property + " is not the JSON spark-tenancy writes: " + e.getOriginalMessage());
    }
  }

  private static JsonNode required(JsonNode node, String field, String property) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) throw new LaunchError(property + ": missing \"" + field + "\"");
    return value;
  }

  private static String text(JsonNode node, String field, String property) {
    JsonNode value = required(node, field, property);
    if (!value.isTextual()) throw new LaunchError(property + ": \"" + field + "\" must be a string");
    return value.asText();
  }

  private static Iterable<JsonNode> list(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isArray() ? List.of() : value;
  }

  private static <T> T value(JsonNode node, String field, Class<T> type) throws JsonProcessingException {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : JSON.treeToValue(value, type);
  }

  private static <T> List<T> values(JsonNode node, String field, Class<T> type) throws JsonProcessingException {
    List<T> out = new ArrayList<>();
    for (JsonNode item : list(node, field)) out.add(JSON.treeToValue(item, type));
    return out;
  }
}
