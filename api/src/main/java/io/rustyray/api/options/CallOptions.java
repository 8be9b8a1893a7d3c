package io.rustyray.api.options;

import java.util.Map;

/**
 * Options of a task call.
 *
 * @param resources logical resources the task holds while it runs; {@code cpu} defaults to 1
 * @param maxRetries how many times the task is retried when its node dies while it runs
 * @param name the task's name, shown where tasks are listed, or empty
 * @param placement the placement group bundle the task runs in, or null
 */
public record CallOptions(
    Map<String, Double> resources, int maxRetries, String name, BundlePlacement placement) {
  public static final int DEFAULT_MAX_RETRIES = 3;

  public CallOptions {
    resources = Map.copyOf(resources);
  }

  /** Options of an unnamed task in no placement group. */
  public CallOptions(Map<String, Double> resources, int maxRetries) {
    this(resources, maxRetries, "", null);
  }
}
