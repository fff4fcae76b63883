package dev.sparktenancy.steps;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The `env` transport at launch: each file the launching JVM holds becomes base64 text in the
 * config-sync init container's environment, in chunks, with one plan operation that names the chunks,
 * the content's sha256, the mode and the target (image/materialize.sh, `env VAR CHUNKS CHECK MODE
 * TARGET`). The bytes are read when the pod is launched, so a file changed in the launcher reaches the
 * next pod without a new synth.
 */
public final class InlineFiles {
  /** Linux caps one env string at 128 KiB; 96 KiB of base64 per chunk leaves room for the name (as synth does). */
  static final int CHUNK_CHARS = 96 * 1024;
  /** Inline content one pod may carry: far below the ~2 MiB argv+env limit and the API server's 1.5 MiB request limit. */
  static final int BUDGET_CHARS = 512 * 1024;

  /** A file to inline: its variable prefix, where the launcher holds it, its mode and its target in the pod. */
  public record InlineFile(String variable, String source, String mode, String target) {}

  /** The env variables and plan operations for the files. */
  public record Encoded(List<EnvVar> env, List<String> operations) {}

  /** Reads a file's bytes; the steps read the launcher's own files, the tests give bytes directly. */
  @FunctionalInterface
  public interface Reader {
    byte[] read(String path) throws java.io.IOException;
  }

  private InlineFiles() {}

  /**
   * Every file encoded; throws {@link LaunchError} naming the file when it cannot be read, or when the
   * files together exceed the budget (the pod could not be created, or its init container not start).
   */
  public static Encoded encode(List<InlineFile> files, Reader reader, String podDescription) {
    List<EnvVar> env = new ArrayList<>();
    List<String> operations = new ArrayList<>();
    long total = 0;
    for (InlineFile file : files) {
      byte[] bytes;
      try {
        bytes = reader.read(file.source());
      } catch (java.io.IOException e) {
        throw new LaunchError(podDescription + ": cannot read " + file.source() + " (for " + file.target() + ") in the launching pod: " + e.getMessage()
            + "; is the file delivered to the launcher?");
      }
      String text = Base64.getEncoder().encodeToString(bytes);
      total += text.length();
      if (total > BUDGET_CHARS) {
        throw new LaunchError(podDescription + ": " + file.source() + " brings the files carried in env to " + total + " base64 characters, above the "
            + BUDGET_CHARS + " the env transport allows per pod; deliver large files with transport: objects");
      }
      int chunks = Math.max(1, (text.length() + CHUNK_CHARS - 1) / CHUNK_CHARS);
      for (int i = 0; i < chunks; i++) {
        env.add(new EnvVar(file.variable() + "_" + i, text.substring(i * CHUNK_CHARS, Math.min(text.length(), (i + 1) * CHUNK_CHARS)), null));
      }
      operations.add(String.join("\t", "env", file.variable(), String.valueOf(chunks), sha256(bytes), file.mode(), file.target()));
    }
    return new Encoded(env, operations);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
