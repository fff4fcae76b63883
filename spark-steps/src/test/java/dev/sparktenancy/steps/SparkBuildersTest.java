package dev.sparktenancy.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.k8s.KubernetesDriverConf;
import org.apache.spark.deploy.k8s.KubernetesExecutorConf;
import org.apache.spark.deploy.k8s.SparkPod;
import org.apache.spark.deploy.k8s.submit.JavaMainAppResource;
import org.apache.spark.deploy.k8s.submit.KubernetesDriverBuilder;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

/**
 * The steps as Spark itself runs them: named in `spark.kubernetes.{driver,executor}.pod.featureSteps`,
 * constructed by Spark's own KubernetesDriverBuilder and KubernetesExecutorBuilder (no-arg constructor,
 * then `init(conf)`), after Spark's own steps. These tests run on every Spark line (spark-steps/build.sh)
 * against the one jar; nothing here talks to an API server (the client points at a closed port).
 */
class SparkBuildersTest {
  @TempDir Path dir;
  private KubernetesClient client;

  @BeforeEach
  void client() {
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  /** A launcher's Spark configuration: what spark-submit reads from the tenant's spark-defaults.conf. */
  private SparkConf launcherConf(String role) throws Exception {
    Path krb5 = dir.resolve("krb5.conf");
    Files.writeString(krb5, "[libdefaults]\n");
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, HostAliasesTest.KUBELET_HOSTS);
    return new SparkConf(false)
        .set("spark.master", "k8s://https://127.0.0.1:1")
        .set("spark.app.name", "engine")
        .set("spark.kubernetes.namespace", "team-a")
        .set("spark.kubernetes.container.image", "registry.example.com/my-project:1.0.0")
        .set("spark.kubernetes.driver.pod.featureSteps", EngineSetup.class.getName())
        .set("spark.kubernetes.executor.pod.featureSteps", ExecutorSetup.class.getName())
        .set(role.equals("engine") ? EngineSetup.FRAGMENT : ExecutorSetup.FRAGMENT, Fixtures.engineFragment(role).formatted(krb5))
        .set(LaunchStep.HOSTS_FILE, hosts.toString());
  }

  /** KubernetesDriverConf as spark-submit makes it; Spark 4 added a Clock to its constructor. */
  private static KubernetesDriverConf driverConf(SparkConf conf) throws Exception {
    for (Constructor<?> c : KubernetesDriverConf.class.getConstructors()) {
      Object[] args = {conf, "spark-app-1", new JavaMainAppResource(Option.apply("local:///opt/app.jar")), "Main", new String[0], Option.empty()};
      if (c.getParameterCount() == 6) return (KubernetesDriverConf) c.newInstance(args);
      if (c.getParameterCount() == 7) {
        Object clock = Class.forName("org.apache.spark.util.SystemClock").getConstructor().newInstance();
        return (KubernetesDriverConf) c.newInstance(args[0], args[1], args[2], args[3], args[4], args[5], clock);
      }
    }
    throw new IllegalStateException("no known KubernetesDriverConf constructor in this Spark");
  }

  @Test
  void sparksDriverBuilderRunsEngineSetupAfterItsOwnSteps() throws Exception {
    // GIVEN the proxy's configuration naming our driver step WHEN Spark's own builder builds the engine pod
    SparkPod pod = new KubernetesDriverBuilder().buildFromFeatures(driverConf(launcherConf("engine")), client).pod();
    // THEN Spark's own pod (its container, its volumes) carries our init container, volumes, mounts and host aliases
    assertEquals("spark-kubernetes-driver", pod.container().getName());
    assertEquals(List.of("config-sync"), pod.pod().getSpec().getInitContainers().stream().map(Container::getName).toList());
    List<String> volumes = pod.pod().getSpec().getVolumes().stream().map(Volume::getName).toList();
    assertTrue(volumes.containsAll(List.of("cfg-etc", "config-sync-source")) && volumes.stream().anyMatch(v -> v.startsWith("spark-local-dir")), volumes.toString());
    assertTrue(pod.container().getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/etc/my-project")));
    assertTrue(pod.pod().getSpec().getHostAliases().contains(new HostAlias(List.of("kdc.example.com", "kdc"), "10.0.0.10")));
  }

  @Test
  void aBadFragmentStopsSparksDriverBuilderWithOurMessage() throws Exception {
    SparkConf conf = launcherConf("engine").set(EngineSetup.FRAGMENT, "{\"role\": \"driver\"}");
    KubernetesDriverConf driverConf = driverConf(conf);
    LaunchError error = assertThrows(LaunchError.class, () -> new KubernetesDriverBuilder().buildFromFeatures(driverConf, client));
    assertTrue(error.getMessage().contains("unknown role \"driver\""), error.getMessage());
  }

  @Test
  void sparksExecutorBuilderRunsExecutorSetup() throws Exception {
    // GIVEN the engine's configuration naming our executor step
    SparkConf conf = launcherConf("executor").set("spark.app.id", "spark-app-1");
    KubernetesExecutorConf executorConf = new KubernetesExecutorConf(conf, "spark-app-1", "1", Option.empty(), 0);
    ResourceProfile profile = new ResourceProfileBuilder().build();
    // WHEN Spark's own builder builds an executor pod
    SparkPod pod = new KubernetesExecutorBuilder().buildFromFeatures(executorConf, new SecurityManager(conf, SecurityManager.$lessinit$greater$default$2(), SecurityManager.$lessinit$greater$default$3()), client, profile).pod();
    // THEN it carries our init container and the role variable beside Spark's own env
    assertEquals(List.of("config-sync"), pod.pod().getSpec().getInitContainers().stream().map(Container::getName).toList());
    assertTrue(pod.container().getEnv().stream().anyMatch(e -> e.getName().equals("SPARK_TENANCY_ROLE") && e.getValue().equals("executor")));
    assertTrue(pod.container().getEnv().stream().anyMatch(e -> e.getName().equals("SPARK_EXECUTOR_ID")));
  }
}
