package io.rustyray.protocol.resources;

import io.rustyray.protocol.proto.Resources;
import java.util.Map;

/**
 * The logical resources a task or actor asks for, checked the same way by every runtime and written
 * as the scheduler reads them.
 */
public final class ResourceRequests {
  private ResourceRequests() {}

  /**
   * @param amounts resource name to amount, as the options hold them
   * @throws IllegalArgumentException when an amount is negative
   */
  public static void check(Map<String, Double> amounts) {
    amounts.forEach(
        (name, amount) -> {
          if (amount < 0) {
            throw new IllegalArgumentException(
                "resource " + name + " must not be negative, got " + amount);
          }
        });
  }

  /**
   * @param amounts resource name to amount, as the options hold them
   * @return the non-zero amounts
   * @throws IllegalArgumentException when an amount is negative
   */
  public static Resources of(Map<String, Double> amounts) {
    check(amounts);
    Resources.Builder builder = Resources.newBuilder();
    amounts.forEach(
        (name, amount) -> {
          if (amount > 0) {
            builder.putAmounts(name, amount);
          }
        });
    return builder.build();
  }
}
