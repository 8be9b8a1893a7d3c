package io.rustyray.operator.job;

import io.rustyray.operator.common.EventRecorder;

/**
 * A Kubernetes Event to record once an action has been carried out.
 *
 * @param type Normal or Warning
 * @param reason the reason
 * @param message what happened
 */
public record JobEvent(EventRecorder.Type type, JobReason reason, String message) {
  static JobEvent normal(JobReason reason, String message) {
    return new JobEvent(EventRecorder.Type.Normal, reason, message);
  }

  static JobEvent warning(JobReason reason, String message) {
    return new JobEvent(EventRecorder.Type.Warning, reason, message);
  }
}
