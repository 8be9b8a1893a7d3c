package io.rustyray.examples;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Estimates pi with many tasks, each throwing darts at a unit square. Run it against a cluster:
 * {@code RUSTYRAY_ADDRESS=127.0.0.1:6379 rustyray driver io.rustyray.examples.Pi 400}.
 */
public final class Pi {
  private static final long SAMPLES_PER_TASK = 200_000;

  private Pi() {}

  /**
   * @param samples how many darts to throw
   * @param seed the random seed
   * @return how many landed inside the quarter circle
   */
  public static long hits(long samples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long inside = 0;
    for (long i = 0; i < samples; i++) {
      double x = random.nextDouble();
      double y = random.nextDouble();
      if (x * x + y * y <= 1.0) {
        inside++;
      }
    }
    return inside;
  }

  public static void main(String[] args) {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Rusty.init();
    try {
      long start = System.nanoTime();
      List<ObjectRef<Long>> refs = new ArrayList<>(tasks);
      for (int i = 0; i < tasks; i++) {
        refs.add(Rusty.task(Pi::hits, SAMPLES_PER_TASK, (long) i).remote());
      }
      long inside = Rusty.get(refs).stream().mapToLong(Long::longValue).sum();
      double estimate = 4.0 * inside / (SAMPLES_PER_TASK * tasks);
      System.out.printf(
          "Pi is roughly %.6f (%d tasks, %d samples, %.1f s)%n",
          estimate, tasks, SAMPLES_PER_TASK * tasks, (System.nanoTime() - start) / 1e9);
    } finally {
      Rusty.shutdown();
    }
  }
}
