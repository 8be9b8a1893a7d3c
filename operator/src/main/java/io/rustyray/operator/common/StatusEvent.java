package io.rustyray.operator.common;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * The Event that announces a resource entering a state, for {@code kubectl describe}.
 *
 * @param state the state it announces; an Event goes out when this differs from the last one
 * @param type Normal, or Warning for a state a user must act on
 * @param reason CamelCase reason
 * @param message what the state is and why
 */
public record StatusEvent(String state, EventRecorder.Type type, Reason reason, String message) {

  /**
   * The Event for a resource entering a state, with what its Ready condition says.
   *
   * @param what the kind of resource in words, e.g. "actor"
   * @param state the state entered
   * @param warning whether a user must act on it
   * @param reason the Event's reason
   * @param conditions the new status's conditions
   * @return the Event
   */
  public static StatusEvent entering(
      String what, Enum<?> state, boolean warning, Reason reason, List<Condition> conditions) {
    var ready = Conditions.find(conditions, "Ready");
    return new StatusEvent(
        state.name(),
        warning ? EventRecorder.Type.Warning : EventRecorder.Type.Normal,
        reason,
        what
            + " is "
            + state.name()
            + ready.map(c -> ": " + c.getReason() + " " + c.getMessage()).orElse(""));
  }
}
