package dev.sparktenancy.steps;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.deploy.k8s.SparkPod;

/**
 * A fragment applied to the pod Spark is building: the config-sync init container (with the inline
 * files' env and plan operations), the volumes, the main container's mounts and env, the security
 * contexts, the ServiceAccount token setting, and host aliases: the launcher's first (the proxy's KDC
 * and Hadoop hosts), then the fragment's own (a tenant's), as synth orders them for its own pods.
 * A pure function of its inputs; it copies, never changes, the pod it is given. Only plain getters,
 * setters and the builders' copy constructors are used, which fabric8 6 (Spark 3.5) and 7 (Spark 4)
 * share.
 */
public final class PodChanges {
  private PodChanges() {}

  public static SparkPod apply(SparkPod sparkPod, LaunchFragment fragment, InlineFiles.Encoded inline, List<HostAlias> launcherHostAliases, String podDescription) {
    Pod pod = new PodBuilder(sparkPod.pod()).build();
    Container main = new ContainerBuilder(sparkPod.container()).build();
    if (pod.getSpec() == null) pod.setSpec(new PodSpec());
    PodSpec spec = pod.getSpec();

    Container init = new ContainerBuilder(fragment.initContainer()).build();
    init.setCommand(withOperations(init.getCommand(), inline.operations(), podDescription));
    init.setEnv(concat(init.getEnv(), inline.env()));
    List<Container> inits = new ArrayList<>(orEmpty(spec.getInitContainers()));
    for (Container existing : inits) {
      if (existing.getName().equals(init.getName())) {
        throw new LaunchError(podDescription + " already has an init container named " + init.getName() + " (from a pod template?); use the feature steps or the template, not both");
      }
    }
    inits.add(init);
    spec.setInitContainers(inits);

    List<Volume> volumes = new ArrayList<>(orEmpty(spec.getVolumes()));
    for (Volume volume : fragment.volumes()) {
      if (volumes.stream().anyMatch(v -> v.getName().equals(volume.getName()))) {
        throw new LaunchError(podDescription + " already has a volume named " + volume.getName() + " (from a pod template?); use the feature steps or the template, not both");
      }
      volumes.add(volume);
    }
    spec.setVolumes(volumes);
    List<HostAlias> aliases = HostAliases.merge(launcherHostAliases, fragment.hostAliases());
    if (!aliases.isEmpty()) spec.setHostAliases(HostAliases.merge(orEmpty(spec.getHostAliases()), aliases));
    if (fragment.automountServiceAccountToken() != null && spec.getAutomountServiceAccountToken() == null) {
      spec.setAutomountServiceAccountToken(fragment.automountServiceAccountToken());
    }

    // Spark sets neither security context; a template (or another step) that did keeps its own.
    if (fragment.securityContext() != null && spec.getSecurityContext() == null) spec.setSecurityContext(fragment.securityContext());
    if (fragment.containerSecurityContext() != null && main.getSecurityContext() == null) main.setSecurityContext(fragment.containerSecurityContext());

    List<VolumeMount> mounts = concat(main.getVolumeMounts(), fragment.volumeMounts());
    main.setVolumeMounts(mounts);
    main.setEnv(concat(main.getEnv(), fragment.env()));
    return new SparkPod(pod, main);
  }

  /** The materializer command with `operations` added to its plan (format 2: all operations in the argument after `version N`). */
  static List<String> withOperations(List<String> command, List<String> operations, String podDescription) {
    List<String> out = new ArrayList<>(command);
    int version = out.indexOf("version");
    if (version < 0 || version + 1 >= out.size()) {
      throw new LaunchError(podDescription + ": the config-sync command has no plan (\"version N\"): " + command);
    }
    if (operations.isEmpty()) return out;
    String added = String.join("\n", operations);
    if (out.size() == version + 2) out.add(added);
    else out.set(out.size() - 1, out.get(out.size() - 1) + "\n" + added);
    return out;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> out = new ArrayList<>(orEmpty(first));
    out.addAll(second);
    return out;
  }
}
