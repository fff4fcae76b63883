package dev.sparktenancy.e2e;

import org.apache.spark.deploy.k8s.features.KubernetesDriverCustomFeatureConfigStep;
import org.apache.spark.deploy.k8s.features.KubernetesExecutorCustomFeatureConfigStep;
import org.apache.spark.util.Utils;

/**
 * Loads each feature step named on the command line as Spark's KubernetesDriverBuilder and
 * KubernetesExecutorBuilder do (Utils.classForName, the no-arg constructor, then the step kind by
 * type), on the image's own classpath, and prints one line per step: "driver NAME", "executor NAME",
 * or exits 1 naming a class Spark would refuse.
 */
public final class StepsLoad {
  public static void main(String[] args) throws Exception {
    for (String name : args) {
      Object step = Utils.classForName(name, true, false).getConstructor().newInstance();
      if (step instanceof KubernetesDriverCustomFeatureConfigStep) System.out.println("driver " + name);
      else if (step instanceof KubernetesExecutorCustomFeatureConfigStep) System.out.println("executor " + name);
      else {
        System.out.println("refused " + name);
        System.exit(1);
      }
    }
  }
}
