package dev.sparktenancy.steps;

import io.fabric8.kubernetes.api.model.HostAlias;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The host aliases of the pod this JVM runs in, read back from the hosts file the kubelet writes: after
 * the line "# Entries added by HostAliases." one line per alias, the address and its names separated by
 * tabs (pkg/kubelet/kubelet_pods.go, hostsEntriesFromHostAliases). Reading the file needs no API call
 * and no RBAC, and is what the pod's own resolver uses, so an engine gets exactly the names its
 * launcher resolves at the moment it is launched.
 */
public final class HostAliases {
  static final String KUBELET_SECTION = "# Entries added by HostAliases.";

  private HostAliases() {}

  /** The aliases in a kubelet-managed hosts file; none when the pod has none (or the file is not the kubelet's). */
  public static List<HostAlias> fromHostsFile(String hostsFile) {
    List<HostAlias> aliases = new ArrayList<>();
    boolean inSection = false;
    for (String line : hostsFile.split("\n", -1)) {
      if (line.equals(KUBELET_SECTION)) {
        inSection = true;
        continue;
      }
      if (!inSection || line.isBlank()) continue;
      if (line.startsWith("#")) break;
      String[] fields = line.trim().split("[\t ]+");
      if (fields.length < 2) continue;
      aliases.add(new HostAlias(new ArrayList<>(Arrays.asList(fields).subList(1, fields.length)), fields[0]));
    }
    return aliases;
  }

  /**
   * `extra` added to `existing`: an address already there gains the names it lacks, a new address is
   * appended. Existing entries keep their order and names (a template's aliases stay first).
   */
  public static List<HostAlias> merge(List<HostAlias> existing, List<HostAlias> extra) {
    List<HostAlias> merged = new ArrayList<>();
    for (HostAlias alias : existing) merged.add(new HostAlias(new ArrayList<>(alias.getHostnames()), alias.getIp()));
    for (HostAlias alias : extra) {
      HostAlias same = merged.stream().filter(a -> a.getIp().equals(alias.getIp())).findFirst().orElse(null);
      if (same == null) {
        merged.add(new HostAlias(new ArrayList<>(alias.getHostnames()), alias.getIp()));
      } else {
        for (String name : alias.getHostnames()) if (!same.getHostnames().contains(name)) same.getHostnames().add(name);
      }
    }
    return merged;
  }
}
