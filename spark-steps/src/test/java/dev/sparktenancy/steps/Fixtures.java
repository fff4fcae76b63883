package dev.sparktenancy.steps;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.apache.spark.deploy.k8s.SparkPod;

/** The steps' fixtures: a pod as Spark's own steps leave it, and a fragment as synth writes it. */
final class Fixtures {
  private Fixtures() {}

  /** A driver pod as Spark's basic steps build it before the user's steps run. */
  static SparkPod sparkDriverPod() {
    Pod pod = new PodBuilder()
        .withNewMetadata().withName("engine-1-driver").addToLabels("spark-role", "driver").endMetadata()
        .withNewSpec().withRestartPolicy("Never").addNewVolume().withName("spark-local-dir-1").withNewEmptyDir().endEmptyDir().endVolume().endSpec()
        .build();
    Container container = new ContainerBuilder()
        .withName("spark-kubernetes-driver")
        .withImage("registry.example.com/my-project:1.0.0")
        .addNewVolumeMount().withName("spark-local-dir-1").withMountPath("/var/data/spark-1").endVolumeMount()
        .build();
    return new SparkPod(pod, container);
  }

  /** A fragment as synth writes it for engine pods: one directory from the ConfigMap, krb5.conf inline. */
  static String engineFragment(String role) {
    return """
        {"role": "%s",
         "initContainer": {"name": "config-sync", "image": "registry.example.com/my-project:1.0.0",
           "command": ["/opt/bootstrap.sh", "sync", "version", "2",
                       "file\\t/var/run/spark-tenancy/source/files/app.conf\\tabc123\\t0444\\t/var/run/spark-tenancy/volumes/cfg-etc/app.conf"],
           "volumeMounts": [{"name": "cfg-etc", "mountPath": "/var/run/spark-tenancy/volumes/cfg-etc"}]},
         "volumes": [{"name": "cfg-etc", "emptyDir": {}},
                     {"name": "config-sync-source", "projected": {"sources": [{"configMap": {"name": "my-project-files"}}]}}],
         "volumeMounts": [{"name": "cfg-etc", "mountPath": "/etc/my-project", "readOnly": true}],
         "env": [{"name": "SPARK_TENANCY_ROLE", "value": "%s"}],
         "securityContext": {"runAsUser": 185, "runAsGroup": 185, "runAsNonRoot": true, "fsGroup": 185, "seccompProfile": {"type": "RuntimeDefault"}},
         "containerSecurityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}},
         "inlineFiles": [{"variable": "CFG_KRB5_CONF", "source": "%s", "mode": "0444",
                          "target": "/var/run/spark-tenancy/volumes/cfg-etc/krb5.conf"}],
         "launcherHostAliases": true}
        """.formatted(role, role, "%s");
  }
}
