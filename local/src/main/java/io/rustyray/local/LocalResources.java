package io.rustyray.local;

import java.util.Map;

/**
 * Checks the logical resources a task or actor asks for as the cluster client does. Nothing is
 * scheduled by them locally: the process has whatever it has.
 */
final class LocalResources {
  private LocalResources() {}

  /**
   * @param amounts resource name to amount
   * @throws IllegalArgumentException when an amount is negative, with the cluster client's message
   */
  static void check(Map<String, Double> amounts) {
    amounts.forEach(
        (name, amount) -> {
          if (amount < 0) {
            throw new IllegalArgumentException(
                "resource " + name + " must not be negative, got " + amount);
          }
        });
  }
}
