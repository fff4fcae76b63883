package dev.sparktenancy.steps;

import org.apache.spark.deploy.k8s.KubernetesExecutorConf;
import org.apache.spark.deploy.k8s.SparkPod;
import org.apache.spark.deploy.k8s.features.KubernetesExecutorCustomFeatureConfigStep;

/**
 * Executor step, run in the engine's JVM for every executor pod it asks for
 * (`spark.kubernetes.executor.pod.featureSteps`): the executor's config-sync init container and its
 * files (never the keytab: synth leaves it out of {@value #FRAGMENT}), the role variable that makes the
 * unified image start an executor, and the engine's own host aliases.
 */
public final class ExecutorSetup implements KubernetesExecutorCustomFeatureConfigStep {
  public static final String FRAGMENT = "spark.tenancy.executor.fragment";

  private KubernetesExecutorConf conf;

  @Override
  public void init(KubernetesExecutorConf conf) {
    this.conf = conf;
  }

  @Override
  public SparkPod configurePod(SparkPod pod) {
    return LaunchStep.configure(pod, conf.sparkConf(), FRAGMENT, "executor", "executor " + conf.executorId() + " in " + conf.namespace());
  }
}
