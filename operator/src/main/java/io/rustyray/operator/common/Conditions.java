package io.rustyray.operator.common;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds condition lists in the Kubernetes shape. A condition keeps its lastTransitionTime unless
 * its status flips, so that {@code kubectl describe} shows when the state really changed.
 */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private final List<Condition> previous;
  private final List<Condition> next = new ArrayList<>();
  private final long generation;
  private final Clock clock;

  /**
   * @param previous the conditions of the status being replaced (may be null)
   * @param generation the generation the new conditions describe
   * @param clock the clock for new transition times
   */
  public Conditions(List<Condition> previous, Long generation, Clock clock) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation == null ? 0L : generation;
    this.clock = clock;
  }

  /**
   * Adds (or replaces) a condition.
   *
   * @param type the condition type, e.g. Ready
   * @param status True, False or Unknown
   * @param reason the reason, from the kind's enum of reasons
   * @param message human-readable detail
   * @return this
   */
  public Conditions set(String type, String status, Reason reason, String message) {
    return set(type, status, reason.name(), message);
  }

  /** Carries a condition over as it was (its reason was checked when it was first written). */
  private Conditions set(String type, String status, String reason, String message) {
    next.removeIf(c -> c.getType().equals(type));
    String transition =
        find(previous, type)
            .filter(c -> status.equals(c.getStatus()) && c.getLastTransitionTime() != null)
            .map(Condition::getLastTransitionTime)
            .orElseGet(() -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    next.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message == null ? "" : message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build());
    return this;
  }

  /**
   * Keeps a condition from the status being replaced, unchanged.
   *
   * @param condition a condition of the previous status
   * @return this
   */
  public Conditions keep(Condition condition) {
    return set(
        condition.getType(), condition.getStatus(), condition.getReason(), condition.getMessage());
  }

  /**
   * @return the conditions set so far, in the order they were first set
   */
  public List<Condition> build() {
    return List.copyOf(next);
  }

  /**
   * @param conditions a condition list (may be null)
   * @param type the type to find
   * @return the condition of that type
   */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /**
   * @param conditions a condition list (may be null)
   * @param type the type to test
   * @return whether that condition is True
   */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }
}
