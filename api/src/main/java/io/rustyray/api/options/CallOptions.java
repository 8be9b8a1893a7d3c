package io.rustyray.api.options;

import java.util.Map;

/**
 * Options of a task call.
 *
 * @param resources logical resources the task holds while it runs; {@code cpu} defaults to 1
 * @param maxRetries how many times the task is retried when its node dies while it runs
 */
public record CallOptions(Map<String, Double> resources, int maxRetries) {
  public static final int DEFAULT_MAX_RETRIES = 3;

  public CallOptions {
    resources = Map.copyOf(resources);
  }
}
