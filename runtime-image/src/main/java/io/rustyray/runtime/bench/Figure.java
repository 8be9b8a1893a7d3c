package io.rustyray.runtime.bench;

import java.util.List;

/**
 * One benchmark's result: the mean over timed rounds, with the standard deviation as its spread.
 *
 * @param name Ray's microbenchmark name
 * @param unit what is counted, per second
 * @param mean the mean rate
 * @param stddev the standard deviation of the rounds' rates
 * @param rounds how many timed rounds
 */
public record Figure(String name, String unit, double mean, double stddev, int rounds) {
  static Figure of(String name, String unit, List<Double> rates) {
    double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double variance =
        rates.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum()
            / Math.max(1, rates.size() - 1);
    return new Figure(name, unit, mean, Math.sqrt(variance), rates.size());
  }

  @Override
  public String toString() {
    return String.format("%-36s %14s %12.2f +- %.2f (%d rounds)", name, unit, mean, stddev, rounds);
  }
}
