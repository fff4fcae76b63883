package dev.sparktenancy.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.HostAlias;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostAliasesTest {
  /** A hosts file as the kubelet writes it for a pod with two host aliases (kubelet_pods.go). */
  static final String KUBELET_HOSTS = String.join("\n",
      "# Kubernetes-managed hosts file.",
      "127.0.0.1\tlocalhost",
      "::1\tlocalhost ip6-localhost ip6-loopback",
      "10.244.0.7\tmy-project-proxy-5d9c7",
      "",
      "# Entries added by HostAliases.",
      "10.0.0.10\tkdc.example.com\tkdc",
      "10.0.0.20\tnamenode.example.com",
      "");

  @Test
  void readsTheKubeletsHostAliasesSectionAndNothingElse() {
    // GIVEN the hosts file of a pod with host aliases WHEN read
    List<HostAlias> aliases = HostAliases.fromHostsFile(KUBELET_HOSTS);
    // THEN exactly the aliases, in order, with every name
    assertEquals(List.of(new HostAlias(List.of("kdc.example.com", "kdc"), "10.0.0.10"), new HostAlias(List.of("namenode.example.com"), "10.0.0.20")), aliases);
  }

  @Test
  void aPodWithoutHostAliasesHasNone() {
    assertEquals(List.of(), HostAliases.fromHostsFile("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"));
  }

  @Test
  void mergeKeepsExistingEntriesFirstAndAddsOnlyMissingNames() {
    // GIVEN a template's alias and the launcher's, one address in both
    List<HostAlias> existing = List.of(new HostAlias(List.of("kdc.example.com"), "10.0.0.10"));
    List<HostAlias> launcher = List.of(new HostAlias(List.of("kdc", "kdc.example.com"), "10.0.0.10"), new HostAlias(List.of("nn"), "10.0.0.20"));
    // WHEN merged THEN the address keeps its entry and gains the missing name; the new address is appended
    assertEquals(List.of(new HostAlias(List.of("kdc.example.com", "kdc"), "10.0.0.10"), new HostAlias(List.of("nn"), "10.0.0.20")), HostAliases.merge(existing, launcher));
  }
}
