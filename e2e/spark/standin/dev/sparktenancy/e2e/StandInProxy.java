package dev.sparktenancy.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The proxy's main class in the image the suite builds (bootstrap.sh proxy role): it serves the
 * application port and stays up until terminated, so that the proxy pod runs and the suite launches
 * Spark applications from inside it (kubectl exec of spark-submit) as the real proxy would.
 */
public final class StandInProxy {
  /** The platform's application port (src/spec/platform.ts PORTS), the proxy container's `http` port. */
  private static final int APPLICATION_PORT = 8011;

  public static void main(String[] args) throws IOException {
    try (ServerSocket server = new ServerSocket(APPLICATION_PORT)) {
      System.out.println("standin-proxy: serving port " + APPLICATION_PORT);
      while (true) {
        try (Socket ignored = server.accept()) {
          // A connection (a probe's, say): accepted and closed.
        }
      }
    }
  }
}
