package io.rustyray.operator.common;

/**
 * The spec asks for something that cannot be done; retrying will not help. Reconcilers turn it into
 * a status condition with reason InvalidSpec instead of retrying.
 */
public class InvalidSpecException extends RuntimeException {
  /**
   * @param message what is wrong with the spec
   */
  public InvalidSpecException(String message) {
    super(message);
  }

  /**
   * @param error an exception thrown by a reconciliation (possibly wrapped by JOSDK)
   * @return the InvalidSpecException in its causes or suppressed exceptions, if any
   */
  public static java.util.Optional<InvalidSpecException> find(Throwable error) {
    java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>();
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    todo.add(error);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (t == null || !seen.add(t)) {
        continue;
      }
      if (t instanceof InvalidSpecException invalid) {
        return java.util.Optional.of(invalid);
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(java.util.List.of(t.getSuppressed()));
      if (t instanceof io.javaoperatorsdk.operator.AggregatedOperatorException aggregated) {
        aggregated.getAggregatedExceptions().values().stream()
            .filter(java.util.Objects::nonNull)
            .forEach(todo::add);
      }
    }
    return java.util.Optional.empty();
  }
}
