package io.rustyray.client;

import io.rustyray.protocol.proto.Resources;
import java.util.Map;

/** The logical resources a task or actor asks for, as the scheduler reads them. */
final class ResourceRequests {
  private ResourceRequests() {}

  /**
   * @param amounts resource name to amount, as the options hold them
   * @return the non-zero amounts
   * @throws IllegalArgumentException when an amount is negative
   */
  static Resources of(Map<String, Double> amounts) {
    Resources.Builder builder = Resources.newBuilder();
    amounts.forEach(
        (name, amount) -> {
          if (amount < 0) {
            throw new IllegalArgumentException(
                "resource " + name + " must not be negative, got " + amount);
          }
          if (amount > 0) {
            builder.putAmounts(name, amount);
          }
        });
    return builder.build();
  }
}
