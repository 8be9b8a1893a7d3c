package io.rustyray.protocol.concurrencygroup;

import io.rustyray.protocol.proto.ConcurrencyGroupSpec;
import io.rustyray.protocol.proto.FunctionDescriptor;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which concurrency group an actor's call runs in: the group the call asked for, else the group its
 * method is in, else the default group. Methods are told apart by name and JVM signature, not by
 * class, so that a method reference through a subclass names the same method as one through the
 * class that declares it.
 */
public final class ConcurrencyGroupRouting {
  /** The group of the methods that are in no group; the actor's own maxConcurrency applies. */
  public static final String DEFAULT_GROUP = "";

  private final Map<String, Integer> maxConcurrency = new LinkedHashMap<>();
  private final Map<String, String> groupOfMethod = new HashMap<>();
  private final Map<String, String> groupOfName = new HashMap<>();

  /**
   * @param groups the actor's groups, as its spec carries them
   * @throws IllegalArgumentException when a group has no name or a limit below 1, two groups share
   *     a name, or a method is in two groups
   */
  public ConcurrencyGroupRouting(List<ConcurrencyGroupSpec> groups) {
    for (ConcurrencyGroupSpec group : groups) {
      String name = group.getName();
      if (name.isBlank()) {
        throw new IllegalArgumentException("a concurrency group needs a name");
      }
      if (group.getMaxConcurrency() < 1) {
        throw new IllegalArgumentException(
            "concurrency group "
                + name
                + ": maxConcurrency must be 1 or more, got "
                + group.getMaxConcurrency());
      }
      if (maxConcurrency.put(name, group.getMaxConcurrency()) != null) {
        throw new IllegalArgumentException("two concurrency groups are named " + name);
      }
      for (FunctionDescriptor method : group.getMethodsList()) {
        String earlier = groupOfMethod.put(key(method), name);
        if (earlier != null) {
          throw new IllegalArgumentException(
              "method "
                  + method.getMethodName()
                  + " is in two concurrency groups, "
                  + earlier
                  + " and "
                  + name
                  + ": a method runs in one group only");
        }
        // A caller that names a method without its signature still finds the method's group.
        groupOfName.merge(method.getMethodName(), name, (a, b) -> a.equals(b) ? a : null);
      }
    }
  }

  /**
   * @param method the called method
   * @param requested the group the call asked for, or empty for its method's group
   * @return the group the call runs in; {@link #DEFAULT_GROUP} for the default group
   * @throws IllegalArgumentException when the call asked for a group the actor does not have
   */
  public String groupOf(FunctionDescriptor method, String requested) {
    if (!requested.isEmpty()) {
      if (!maxConcurrency.containsKey(requested)) {
        throw new IllegalArgumentException(
            "the actor has no concurrency group named "
                + requested
                + (maxConcurrency.isEmpty()
                    ? "; it declared none"
                    : "; its groups are " + String.join(", ", maxConcurrency.keySet())));
      }
      return requested;
    }
    String group = groupOfMethod.get(key(method));
    if (group == null && method.getSignature().isEmpty()) {
      group = groupOfName.get(method.getMethodName());
    }
    return group == null ? DEFAULT_GROUP : group;
  }

  /**
   * @return each declared group's name and limit, in the order they were declared
   */
  public Map<String, Integer> groups() {
    return Collections.unmodifiableMap(maxConcurrency);
  }

  /**
   * @param group a declared group's name
   * @return how many of its calls may run at once
   */
  public Optional<Integer> maxConcurrency(String group) {
    return Optional.ofNullable(maxConcurrency.get(group));
  }

  private static String key(FunctionDescriptor method) {
    return method.getMethodName() + method.getSignature();
  }
}
