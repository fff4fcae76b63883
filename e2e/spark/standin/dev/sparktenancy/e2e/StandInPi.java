package dev.sparktenancy.e2e;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The suite's test job in place of Spark's SparkPi: Spark publishes no spark-examples jar to Maven
 * Central (it ships only in Spark's binary distribution), so the image built here has none. It does
 * the same work, a Monte Carlo estimate of pi over N partitions (args[0], default 2) run as Spark
 * tasks, prints the same "Pi is roughly" line, and exits 1 if the estimate is not near pi, so a run
 * that only appeared to work fails.
 */
public final class StandInPi {
  private static final int SAMPLES_PER_PARTITION = 200_000;

  public static void main(String[] args) {
    int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    SparkSession spark = SparkSession.builder().appName("spark-tenancy-e2e-pi").getOrCreate();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> seeds = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
    long inside = context.parallelize(seeds, partitions).map(seed -> {
      SplittableRandom random = new SplittableRandom(seed);
      long hits = 0;
      for (int i = 0; i < SAMPLES_PER_PARTITION; i++) {
        double x = random.nextDouble() * 2 - 1;
        double y = random.nextDouble() * 2 - 1;
        if (x * x + y * y <= 1) hits++;
      }
      return hits;
    }).reduce(Long::sum);
    double pi = 4.0 * inside / ((long) SAMPLES_PER_PARTITION * partitions);
    System.out.println("Pi is roughly " + pi);
    spark.stop();
    if (Math.abs(pi - Math.PI) > 0.05) {
      System.err.println("standin: the estimate " + pi + " is not within 0.05 of pi");
      System.exit(1);
    }
  }
}
