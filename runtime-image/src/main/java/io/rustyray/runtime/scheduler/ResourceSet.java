package io.rustyray.runtime.scheduler;

import io.rustyray.protocol.proto.Resources;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Amounts of logical resources; a resource not named is zero. */
public final class ResourceSet {
  private final Map<String, Double> amounts;

  private ResourceSet(Map<String, Double> amounts) {
    this.amounts = amounts;
  }

  public static ResourceSet of(Resources resources) {
    return of(resources.getAmountsMap());
  }

  public static ResourceSet of(Map<String, Double> amounts) {
    return new ResourceSet(new TreeMap<>(amounts));
  }

  public double get(String name) {
    return amounts.getOrDefault(name, 0.0);
  }

  /**
   * @param demand what is asked for
   * @return whether every amount of {@code demand} fits in this set
   */
  public boolean fits(ResourceSet demand) {
    return demand.amounts.entrySet().stream().allMatch(e -> e.getValue() <= get(e.getKey()) + 1e-9);
  }

  public ResourceSet minus(ResourceSet other) {
    Map<String, Double> result = new TreeMap<>(amounts);
    other.amounts.forEach((k, v) -> result.merge(k, -v, Double::sum));
    return new ResourceSet(result);
  }

  public ResourceSet plus(ResourceSet other) {
    Map<String, Double> result = new TreeMap<>(amounts);
    other.amounts.forEach((k, v) -> result.merge(k, v, Double::sum));
    return new ResourceSet(result);
  }

  public Resources toProto() {
    return Resources.newBuilder().putAllAmounts(amounts).build();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResourceSet r && r.amounts.equals(amounts);
  }

  @Override
  public int hashCode() {
    return amounts.hashCode();
  }

  @Override
  public String toString() {
    return amounts.entrySet().stream()
        .map(e -> e.getKey() + "=" + format(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  static String format(double amount) {
    return amount == Math.rint(amount) && Math.abs(amount) < 1e15
        ? Long.toString((long) amount)
        : Double.toString(amount);
  }
}
