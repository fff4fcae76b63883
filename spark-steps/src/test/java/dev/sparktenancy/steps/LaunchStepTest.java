package dev.sparktenancy.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.k8s.SparkPod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchStepTest {
  @TempDir Path dir;

  /** Spark's configuration as the launcher's spark-submit reads it: the fragment, and where its hosts file is. */
  private SparkConf conf(String property, String role) throws IOException {
    Path krb5 = dir.resolve("krb5.conf");
    Files.writeString(krb5, "[libdefaults]\n  default_realm = EXAMPLE.COM\n");
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, HostAliasesTest.KUBELET_HOSTS);
    return new SparkConf(false).set(property, Fixtures.engineFragment(role).formatted(krb5)).set(LaunchStep.HOSTS_FILE, hosts.toString());
  }

  @Test
  void theEnginePodGetsConfigSyncItsVolumesMountsFilesAndTheLaunchersHostAliases() throws IOException {
    // GIVEN the driver pod Spark built, and the engine fragment synth wrote
    SparkPod before = Fixtures.sparkDriverPod();
    SparkConf conf = conf(EngineSetup.FRAGMENT, "engine");
    // WHEN the engine step configures it
    SparkPod after = LaunchStep.configure(before, conf, EngineSetup.FRAGMENT, "engine", "the engine pod in team-a");

    // THEN the pod has the config-sync init container, with the inline file in its env and plan
    List<Container> inits = after.pod().getSpec().getInitContainers();
    assertEquals(List.of("config-sync"), inits.stream().map(Container::getName).toList());
    Container sync = inits.get(0);
    byte[] krb5 = Files.readAllBytes(dir.resolve("krb5.conf"));
    assertEquals(List.of(new EnvVar("CFG_KRB5_CONF_0", Base64.getEncoder().encodeToString(krb5), null)), sync.getEnv());
    assertEquals(List.of("/opt/bootstrap.sh", "sync", "version", "2",
        "file\t/var/run/spark-tenancy/source/files/app.conf\tabc123\t0444\t/var/run/spark-tenancy/volumes/cfg-etc/app.conf\n"
            + "env\tCFG_KRB5_CONF\t1\t" + InlineFiles.sha256(krb5) + "\t0444\t/var/run/spark-tenancy/volumes/cfg-etc/krb5.conf"),
        sync.getCommand());
    // AND Spark's own volume and mount stay, the fragment's are added
    assertEquals(List.of("spark-local-dir-1", "cfg-etc", "config-sync-source"), after.pod().getSpec().getVolumes().stream().map(Volume::getName).toList());
    assertEquals(List.of("/var/data/spark-1", "/etc/my-project"), after.container().getVolumeMounts().stream().map(VolumeMount::getMountPath).toList());
    assertEquals(List.of(new EnvVar("SPARK_TENANCY_ROLE", "engine", null)), after.container().getEnv());
    // AND the pod and its container meet Pod Security "restricted" as synth decided
    assertEquals(Boolean.TRUE, after.pod().getSpec().getSecurityContext().getRunAsNonRoot());
    assertEquals("RuntimeDefault", after.pod().getSpec().getSecurityContext().getSeccompProfile().getType());
    assertEquals(Boolean.FALSE, after.container().getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), after.container().getSecurityContext().getCapabilities().getDrop());
    // AND the host aliases are the launcher's, read from its hosts file
    assertEquals(List.of(new HostAlias(List.of("kdc.example.com", "kdc"), "10.0.0.10"), new HostAlias(List.of("namenode.example.com"), "10.0.0.20")),
        after.pod().getSpec().getHostAliases());
    // AND the pod Spark handed in is unchanged (a step returns a new pod)
    assertNotSame(before.pod(), after.pod());
    assertEquals(Fixtures.sparkDriverPod(), before);
  }

  @Test
  void aChangedFileInTheLauncherReachesTheNextPodWithoutANewSynth() throws IOException {
    SparkConf conf = conf(ExecutorSetup.FRAGMENT, "executor");
    String first = LaunchStep.configure(Fixtures.sparkDriverPod(), conf, ExecutorSetup.FRAGMENT, "executor", "executor 1").pod().getSpec().getInitContainers().get(0).getEnv().get(0).getValue();
    Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n  default_realm = OTHER.COM\n");
    String second = LaunchStep.configure(Fixtures.sparkDriverPod(), conf, ExecutorSetup.FRAGMENT, "executor", "executor 2").pod().getSpec().getInitContainers().get(0).getEnv().get(0).getValue();
    assertEquals("[libdefaults]\n  default_realm = OTHER.COM\n", new String(Base64.getDecoder().decode(second), StandardCharsets.UTF_8));
    assertTrue(!first.equals(second));
  }

  @Test
  void theTenantsOwnAliasesFollowTheLaunchersAndAnExecutorMountsNoToken() throws IOException {
    // GIVEN an executor fragment with a tenant's own host alias (one address shared with the launcher) and no token
    String fragment = Fixtures.engineFragment("executor").formatted(dir.resolve("krb5.conf"))
        .replace("\"launcherHostAliases\": true", "\"launcherHostAliases\": true, \"automountServiceAccountToken\": false, "
            + "\"hostAliases\": [{\"ip\": \"10.0.3.5\", \"hostnames\": [\"warehouse.team-c.example.com\"]}, {\"ip\": \"10.0.0.20\", \"hostnames\": [\"hive.example.com\"]}]");
    SparkConf conf = conf(ExecutorSetup.FRAGMENT, "executor").set(ExecutorSetup.FRAGMENT, fragment);
    // WHEN the executor step configures a pod
    SparkPod after = LaunchStep.configure(Fixtures.sparkDriverPod(), conf, ExecutorSetup.FRAGMENT, "executor", "executor 1");
    // THEN the launcher's aliases come first, an address both list holds every name once, the tenant's own follow
    assertEquals(List.of(new HostAlias(List.of("kdc.example.com", "kdc"), "10.0.0.10"), new HostAlias(List.of("namenode.example.com", "hive.example.com"), "10.0.0.20"),
        new HostAlias(List.of("warehouse.team-c.example.com"), "10.0.3.5")), after.pod().getSpec().getHostAliases());
    // AND the pod mounts no ServiceAccount token
    assertEquals(Boolean.FALSE, after.pod().getSpec().getAutomountServiceAccountToken());
  }

  @Test
  void aPodThatAlreadyHasConfigSyncFromATemplateIsRefused() throws IOException {
    SparkConf conf = conf(EngineSetup.FRAGMENT, "engine");
    SparkPod once = LaunchStep.configure(Fixtures.sparkDriverPod(), conf, EngineSetup.FRAGMENT, "engine", "the engine pod in team-a");
    LaunchError error = assertThrows(LaunchError.class, () -> LaunchStep.configure(once, conf, EngineSetup.FRAGMENT, "engine", "the engine pod in team-a"));
    assertTrue(error.getMessage().contains("already has an init container named config-sync (from a pod template?)"), error.getMessage());
  }

  @Test
  void badFragmentsAreSubmitErrorsNamingTheProperty() throws IOException {
    // GIVEN no fragment, an unknown role, another role's fragment, and text that is not JSON
    SparkConf none = new SparkConf(false);
    SparkConf unknownRole = conf(EngineSetup.FRAGMENT, "driver");
    SparkConf otherRole = conf(EngineSetup.FRAGMENT, "executor");
    SparkConf notJson = new SparkConf(false).set(EngineSetup.FRAGMENT, "{role: engine");
    // THEN each is refused before a pod exists, with the property named
    assertTrue(message(none).startsWith("spark-tenancy: spark.tenancy.engine.fragment is not set"), message(none));
    assertTrue(message(unknownRole).contains("unknown role \"driver\"; the steps configure the pods of the roles engine, executor"), message(unknownRole));
    assertTrue(message(otherRole).contains("describes executor pods, but this step configures engine pods"), message(otherRole));
    assertTrue(message(notJson).contains("is not the JSON spark-tenancy writes"), message(notJson));
  }

  private static String message(SparkConf conf) {
    return assertThrows(LaunchError.class, () -> LaunchStep.configure(Fixtures.sparkDriverPod(), conf, EngineSetup.FRAGMENT, "engine", "the engine pod in team-a")).getMessage();
  }
}
