package io.rustyray.runtime.bench;

import java.util.List;

/**
 * A latency a benchmark sampled: its median and its worst, in milliseconds.
 *
 * @param name what was timed
 * @param p50Millis the median
 * @param maxMillis the worst sample
 * @param samples how many samples
 */
public record Latency(String name, double p50Millis, double maxMillis, int samples) {
  static Latency of(String name, List<Double> millis) {
    List<Double> sorted = millis.stream().sorted().toList();
    double p50 = sorted.isEmpty() ? 0 : sorted.get((sorted.size() - 1) / 2);
    double max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
    return new Latency(name, p50, max, sorted.size());
  }

  @Override
  public String toString() {
    return String.format(
        "%-36s %14s %12.1f, max %.1f ms (%d samples)",
        name, "ms p50", p50Millis, maxMillis, samples);
  }
}
