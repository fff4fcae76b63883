package dev.sparktenancy.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InlineFilesTest {
  private static InlineFiles.Reader files(Map<String, byte[]> contents) {
    return path -> {
      byte[] bytes = contents.get(path);
      if (bytes == null) throw new java.nio.file.NoSuchFileException(path);
      return bytes;
    };
  }

  @Test
  void aFileBecomesBase64EnvAndOnePlanOperationWithItsSha256() {
    // GIVEN krb5.conf as the launcher holds it
    byte[] krb5 = "[libdefaults]\n  default_realm = EXAMPLE.COM\n".getBytes(StandardCharsets.UTF_8);
    InlineFiles.InlineFile file = new InlineFiles.InlineFile("CFG_KRB5_CONF", "/etc/my-project/krb5.conf", "0444", "/var/run/spark-tenancy/volumes/cfg-etc/krb5.conf");
    // WHEN encoded
    InlineFiles.Encoded encoded = InlineFiles.encode(List.of(file), files(Map.of("/etc/my-project/krb5.conf", krb5)), "the engine pod in team-a");
    // THEN one chunk holding the exact bytes, and the materializer's `env` operation naming it
    assertEquals(List.of(new EnvVar("CFG_KRB5_CONF_0", Base64.getEncoder().encodeToString(krb5), null)), encoded.env());
    assertEquals(List.of("env\tCFG_KRB5_CONF\t1\t" + InlineFiles.sha256(krb5) + "\t0444\t/var/run/spark-tenancy/volumes/cfg-etc/krb5.conf"), encoded.operations());
  }

  @Test
  void aLargeFileIsSplitIntoChunksThatJoinToItsContent() {
    byte[] big = new byte[200 * 1024];
    for (int i = 0; i < big.length; i++) big[i] = (byte) i;
    InlineFiles.Encoded encoded = InlineFiles.encode(List.of(new InlineFiles.InlineFile("CFG_BIG", "/big", "0400", "/t/big")), files(Map.of("/big", big)), "pod");
    assertEquals(3, encoded.env().size());
    assertTrue(encoded.env().stream().allMatch(e -> e.getValue().length() <= InlineFiles.CHUNK_CHARS));
    String joined = String.join("", encoded.env().stream().map(EnvVar::getValue).toList());
    assertEquals(Base64.getEncoder().encodeToString(big), joined);
    assertTrue(encoded.operations().get(0).startsWith("env\tCFG_BIG\t3\t"));
  }

  @Test
  void filesAboveTheEnvBudgetAreASubmitErrorNamingTheFile() {
    byte[] huge = new byte[InlineFiles.BUDGET_CHARS];
    LaunchError error = assertThrows(LaunchError.class,
        () -> InlineFiles.encode(List.of(new InlineFiles.InlineFile("CFG_HUGE", "/etc/p/huge.bin", "0444", "/t/huge.bin")), files(Map.of("/etc/p/huge.bin", huge)), "the engine pod in team-a"));
    assertTrue(error.getMessage().contains("the engine pod in team-a: /etc/p/huge.bin brings the files carried in env to"), error.getMessage());
    assertTrue(error.getMessage().contains("transport: objects"), error.getMessage());
  }

  @Test
  void aFileTheLauncherDoesNotHoldIsASubmitError() {
    LaunchError error = assertThrows(LaunchError.class,
        () -> InlineFiles.encode(List.of(new InlineFiles.InlineFile("CFG_X", "/etc/p/x.conf", "0444", "/t/x.conf")), files(Map.of()), "executor 1 in team-a"));
    assertTrue(error.getMessage().startsWith("spark-tenancy: executor 1 in team-a: cannot read /etc/p/x.conf (for /t/x.conf)"), error.getMessage());
  }
}
