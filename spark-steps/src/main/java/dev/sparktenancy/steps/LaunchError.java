package dev.sparktenancy.steps;

/**
 * A launch that must not happen, with a message for the person who launched it: thrown from a feature
 * step, it ends spark-submit (or the executor request) before any pod is created, instead of a pod
 * that waits in Init forever.
 */
public final class LaunchError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LaunchError(String message) {
    super("spark-tenancy: " + message);
  }
}
