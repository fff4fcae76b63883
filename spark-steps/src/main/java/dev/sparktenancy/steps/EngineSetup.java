package dev.sparktenancy.steps;

import org.apache.spark.deploy.k8s.KubernetesDriverConf;
import org.apache.spark.deploy.k8s.SparkPod;
import org.apache.spark.deploy.k8s.features.KubernetesDriverCustomFeatureConfigStep;

/**
 * Driver step, run by the proxy's spark-submit for every engine it launches
 * (`spark.kubernetes.driver.pod.featureSteps`): the engine's config-sync init container, volumes and
 * mounts as synth described them in {@value #FRAGMENT}, its inline files read from the proxy's own, and
 * the proxy's host aliases as the proxy resolves them now.
 */
public final class EngineSetup implements KubernetesDriverCustomFeatureConfigStep {
  public static final String FRAGMENT = "spark.tenancy.engine.fragment";

  private KubernetesDriverConf conf;

  @Override
  public void init(KubernetesDriverConf conf) {
    this.conf = conf;
  }

  @Override
  public SparkPod configurePod(SparkPod pod) {
    return LaunchStep.configure(pod, conf.sparkConf(), FRAGMENT, "engine", "the engine pod in " + conf.namespace());
  }
}
