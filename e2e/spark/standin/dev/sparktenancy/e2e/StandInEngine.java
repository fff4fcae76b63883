package dev.sparktenancy.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The engine's main class in the real-cluster suite, started by bootstrap.sh in engine role as the
 * real engine is: it opens a SparkSession (so the client-mode driver and its executor allocator run
 * against the API server), prints the settings the driver really got, and stops when the suite has
 * seen the executor pods it asked for (the file E2E_STOP_FILE appears) or after E2E_WAIT_SECONDS.
 */
public final class StandInEngine {
  private static final String[] SHOWN = {
    "spark.master", "spark.submit.deployMode", "spark.kubernetes.namespace", "spark.kubernetes.driver.pod.name",
    "spark.driver.host", "spark.driver.bindAddress", "spark.kubernetes.executor.podTemplateFile",
    "spark.kubernetes.authenticate.executor.serviceAccountName", "spark.executor.instances",
  };

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().appName("spark-tenancy-e2e-engine").getOrCreate();
    SparkConf conf = spark.sparkContext().getConf();
    for (String key : SHOWN) {
      System.out.println("standin: " + key + "=" + conf.get(key, "<unset>"));
    }
    System.out.println("standin: session open");
    Path stop = Paths.get(System.getenv().getOrDefault("E2E_STOP_FILE", "/nonexistent"));
    long deadline = System.currentTimeMillis() + 1000L * Long.parseLong(System.getenv().getOrDefault("E2E_WAIT_SECONDS", "120"));
    while (!Files.exists(stop) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    boolean told = Files.exists(stop);
    System.out.println(told ? "standin: stopping as told" : "standin: gave up waiting for the suite");
    spark.stop();
    System.exit(told ? 0 : 3);
  }
}
