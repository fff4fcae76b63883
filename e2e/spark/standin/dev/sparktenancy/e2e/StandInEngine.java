package dev.sparktenancy.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The engine's main class in the real-cluster suite, started by bootstrap.sh in engine role as the
 * real engine is: it opens a SparkSession (so the client-mode driver and its executor allocator run
 * against the API server) and prints the settings the driver really got. Then:
 *
 * - with E2E_STOP_FILE set (the suite runs it on the host, with no node): it stops when the suite has
 *   seen the executor pods it asked for (that file appears) or after E2E_WAIT_SECONDS;
 * - without it (in the engine pod on a real node): it serves the application port the generated probes
 *   check, runs a small job on its executors, prints the result, and serves until it is terminated,
 *   as an engine does.
 */
public final class StandInEngine {
  private static final String[] SHOWN = {
    "spark.master", "spark.submit.deployMode", "spark.kubernetes.namespace", "spark.kubernetes.driver.pod.name",
    "spark.driver.host", "spark.driver.bindAddress", "spark.kubernetes.executor.podTemplateFile",
    "spark.kubernetes.authenticate.executor.serviceAccountName", "spark.executor.instances",
  };
  /** The platform's application port (src/spec/platform.ts PORTS), where the engine's probes connect. */
  private static final int APPLICATION_PORT = 8011;
  /** The job: the sum of 1..JOB_N over JOB_PARTITIONS tasks, which the suite checks against n(n+1)/2. */
  private static final long JOB_N = 100_000;
  private static final int JOB_PARTITIONS = 4;

  public static void main(String[] args) throws Exception {
    String stopFile = System.getenv("E2E_STOP_FILE");
    // Before the session: the liveness probe must find the port while Spark starts.
    if (stopFile == null) serveApplicationPort();
    SparkSession spark = SparkSession.builder().appName("spark-tenancy-e2e-engine").getOrCreate();
    SparkConf conf = spark.sparkContext().getConf();
    for (String key : SHOWN) {
      System.out.println("standin: " + key + "=" + conf.get(key, "<unset>"));
    }
    System.out.println("standin: session open");
    if (stopFile == null) {
      long started = System.currentTimeMillis();
      long sum = spark.range(1, JOB_N + 1, 1, JOB_PARTITIONS).selectExpr("sum(id)").first().getLong(0);
      // Executors the driver knows, itself excluded.
      int executors = spark.sparkContext().statusTracker().getExecutorInfos().length - 1;
      System.out.println("standin: job sum(1.." + JOB_N + ")=" + sum + " in " + JOB_PARTITIONS + " tasks on " + executors
          + " executor(s), " + (System.currentTimeMillis() - started) + " ms");
      // Serving until SIGTERM; Spark's shutdown hook then stops the session.
      Thread.currentThread().join();
    }
    Path stop = Paths.get(stopFile);
    long deadline = System.currentTimeMillis() + 1000L * Long.parseLong(System.getenv().getOrDefault("E2E_WAIT_SECONDS", "120"));
    while (!Files.exists(stop) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    boolean told = Files.exists(stop);
    System.out.println(told ? "standin: stopping as told" : "standin: gave up waiting for the suite");
    spark.stop();
    System.exit(told ? 0 : 3);
  }

  /** Accepts and closes connections on the application port (TCP probes only connect) on a daemon thread. */
  private static void serveApplicationPort() throws IOException {
    ServerSocket server = new ServerSocket(APPLICATION_PORT);
    Thread acceptor = new Thread(() -> {
      while (true) {
        try (Socket ignored = server.accept()) {
          // A probe's connection: accepted and closed.
        } catch (IOException e) {
          System.out.println("standin: application port: " + e);
          return;
        }
      }
    }, "standin-application-port");
    acceptor.setDaemon(true);
    acceptor.start();
    System.out.println("standin: serving port " + APPLICATION_PORT);
  }
}
