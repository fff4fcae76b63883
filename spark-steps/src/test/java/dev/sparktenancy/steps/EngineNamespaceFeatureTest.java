package dev.sparktenancy.steps;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineNamespaceFeatureTest {
  /** team-a as the API server holds it: the files ConfigMap of generation abc, no Spark ConfigMap. */
  private static final ConfigObjects TEAM_A = (namespace, name) ->
      namespace.equals("team-a") && name.equals("my-project-files") ? Optional.of(Map.of(EngineNamespaceFeature.HASH_ANNOTATION, "abc")) : Optional.empty();

  @Test
  void aNamespaceWithTheCurrentGenerationPasses() {
    assertDoesNotThrow(() -> EngineNamespaceFeature.check("team-a", "my-project-files=abc", TEAM_A));
  }

  @Test
  void missingAndStaleObjectsAreNamedWithTheNamespace() {
    LaunchError error = assertThrows(LaunchError.class, () -> EngineNamespaceFeature.check("team-a", "my-project-files=def, my-project-spark", TEAM_A));
    assertEquals("spark-tenancy: namespace team-a does not hold this platform's current configuration: "
        + "ConfigMap my-project-files is of another generation (spark-tenancy.dev/content-hash abc, this launch needs def); "
        + "ConfigMap my-project-spark is missing; apply the namespace's file from dist/ (or let Argo CD sync it) and launch again", error.getMessage());
  }

  @Test
  void aNamespaceThatIsNotATenantIsRefused() {
    LaunchError error = assertThrows(LaunchError.class, () -> EngineNamespaceFeature.check("default", "my-project-files=abc", TEAM_A));
    assertEquals(true, error.getMessage().contains("namespace default does not hold"));
  }

  @Test
  void withoutTheListTheStepRefusesToGuess() {
    LaunchError error = assertThrows(LaunchError.class, () -> EngineNamespaceFeature.check("team-a", null, TEAM_A));
    assertEquals(true, error.getMessage().contains("spark.tenancy.namespace.configMaps is not set"));
  }
}
