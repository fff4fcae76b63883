package dev.sparktenancy.steps;

import io.fabric8.kubernetes.api.model.HostAlias;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.k8s.SparkPod;

/**
 * What the engine and executor steps share: the fragment of their role from the Spark configuration,
 * the inline files read from this JVM's own files, and this pod's host aliases from its hosts file.
 */
final class LaunchStep {
  /** Where the kubelet writes the pod's hosts file; a property so that tests and odd images can point elsewhere. */
  static final String HOSTS_FILE = "spark.tenancy.hostsFile";

  private LaunchStep() {}

  static SparkPod configure(SparkPod pod, SparkConf conf, String property, String role, String podDescription) {
    LaunchFragment fragment = LaunchFragment.parse(property, conf.get(property, null), role);
    InlineFiles.Encoded inline = InlineFiles.encode(fragment.inlineFiles(), path -> Files.readAllBytes(Path.of(path)), podDescription);
    List<HostAlias> aliases = fragment.launcherHostAliases() ? launcherHostAliases(conf.get(HOSTS_FILE, "/etc/hosts")) : List.of();
    return PodChanges.apply(pod, fragment, inline, aliases, podDescription);
  }

  private static List<HostAlias> launcherHostAliases(String hostsFile) {
    try {
      return HostAliases.fromHostsFile(Files.readString(Path.of(hostsFile), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new LaunchError("cannot read the launching pod's hosts file " + hostsFile + ": " + e.getMessage());
    }
  }
}
