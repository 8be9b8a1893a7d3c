package io.rustyray.api.options;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one rule for logical resource amounts, shared by the SDK's setters, every runtime and the
 * head: as in Ray, an amount is finite and not negative, and above 1 it is a whole number (a node
 * hands out 3 cpus or half of one, never 3.5). 0 means the need is dropped.
 */
public final class ResourceAmounts {
  private ResourceAmounts() {}

  /**
   * @param name the resource's name
   * @param amount how much of it is asked for
   * @return why the amount cannot be asked for, or null when it can
   */
  public static String problem(String name, double amount) {
    if (name == null || name.isBlank()) {
      return "a resource needs a name";
    }
    if (Double.isNaN(amount) || Double.isInfinite(amount)) {
      return "resource " + name + " must be a finite amount, got " + amount;
    }
    if (amount < 0) {
      return "resource " + name + " must not be negative, got " + amount;
    }
    if (amount > 1 && amount != Math.rint(amount)) {
      return "resource "
          + name
          + " must be a whole number when above 1 (resource quantities >1 must be whole"
          + " numbers), got "
          + amount;
    }
    return null;
  }

  /**
   * @param name the resource's name
   * @param amount how much of it is asked for
   * @throws IllegalArgumentException saying what is wrong with the amount
   */
  public static void check(String name, Double amount) {
    String problem =
        amount == null ? "resource " + name + " needs an amount" : problem(name, amount);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * @param amounts resource names and amounts
   * @throws IllegalArgumentException saying what is wrong with the first bad amount
   */
  public static void check(Map<String, Double> amounts) {
    if (amounts == null) {
      throw new IllegalArgumentException("resources must not be null");
    }
    amounts.forEach(ResourceAmounts::check);
  }

  /**
   * Ray names its built-in resources {@code CPU} and {@code GPU}; RustyRay's are {@code cpu} and
   * {@code gpu}. Code ported from Ray asks for the upper-case names, which would otherwise be
   * custom resources that no node has, and wait forever.
   *
   * @param name a resource name as the caller wrote it
   * @return the name the scheduler knows it by
   */
  public static String canonicalName(String name) {
    if ("CPU".equals(name)) {
      return "cpu";
    }
    if ("GPU".equals(name)) {
      return "gpu";
    }
    return name;
  }

  /**
   * @param amounts resource names and amounts, as the caller wrote them
   * @return the same amounts under the names the scheduler knows them by
   */
  public static Map<String, Double> canonical(Map<String, Double> amounts) {
    Map<String, Double> named = new LinkedHashMap<>();
    amounts.forEach((name, amount) -> named.put(canonicalName(name), amount));
    return named;
  }
}
