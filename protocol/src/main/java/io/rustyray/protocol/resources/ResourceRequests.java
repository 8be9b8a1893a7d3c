package io.rustyray.protocol.resources;

import io.rustyray.api.options.ResourceAmounts;
import io.rustyray.protocol.proto.Resources;
import java.util.Map;
import java.util.Optional;

/**
 * The logical resources a task or actor asks for, checked the same way by every runtime and written
 * as the scheduler reads them.
 */
public final class ResourceRequests {
  private ResourceRequests() {}

  /**
   * @param amounts resource name to amount, as the options hold them
   * @throws IllegalArgumentException when an amount breaks {@link ResourceAmounts}' rule
   */
  public static void check(Map<String, Double> amounts) {
    ResourceAmounts.check(amounts);
  }

  /**
   * @param resources amounts as they came over the wire
   * @return why the head cannot take them, or empty
   */
  public static Optional<String> problem(Resources resources) {
    for (Map.Entry<String, Double> e : resources.getAmountsMap().entrySet()) {
      String problem = ResourceAmounts.problem(e.getKey(), e.getValue());
      if (problem != null) {
        return Optional.of(problem);
      }
    }
    return Optional.empty();
  }

  /**
   * @param amounts resource name to amount, as the options hold them
   * @return the non-zero amounts
   * @throws IllegalArgumentException when an amount breaks {@link ResourceAmounts}' rule
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
