package dev.sparktenancy.e2e;

import java.io.File;
import java.util.Arrays;

/**
 * The proxy's main class in the image the suite builds (bootstrap.sh `proxy` runs it): the real proxy
 * is the user's application, which launches engines with spark-submit from its pod; here the suite
 * runs that spark-submit in the pod itself (kubectl exec), so the stand-in only has to keep the pod
 * running, as the proxy does, until it is terminated. It prints the tenants whose generated files
 * reached it (one folder each under the tenants dir), so its log shows what it could launch into.
 */
public final class StandInProxy {
  public static void main(String[] args) throws InterruptedException {
    File tenants = new File(System.getenv().getOrDefault("E2E_TENANTS_DIR", "/opt/spark-tenancy/tenants"));
    String[] names = tenants.list();
    if (names != null) Arrays.sort(names);
    System.out.println("standin-proxy: tenants in " + tenants + ": " + (names == null ? "<none>" : String.join(" ", names)));
    System.out.println("standin-proxy: serving until terminated");
    // Until SIGTERM: the JVM then exits, as the proxy would.
    Thread.currentThread().join();
  }
}
