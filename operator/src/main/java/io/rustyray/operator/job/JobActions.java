package io.rustyray.operator.job;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.rustyray.operator.common.EventRecorder;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.head.HeadConnections;
import io.rustyray.operator.head.HeadState;
import io.rustyray.protocol.proto.SubmitJobRequest;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Carries out the action {@link JobDecider} chose, then records its Event. */
final class JobActions {
  private static final Logger LOG = Logger.getLogger(JobActions.class);

  private final HeadConnections heads;
  private final EventRecorder events;

  JobActions(HeadConnections heads, EventRecorder events) {
    this.heads = heads;
    this.events = events;
  }

  /**
   * @throws SubmissionRefusedException when the head refuses a submission for good
   */
  void perform(JobAction action, RustyJob job, JobObservation seen, KubernetesClient client) {
    if (action instanceof JobAction.Submit submit) {
      submit(submit, job, seen);
    } else if (action instanceof JobAction.Stop stop) {
      if (!stop(stop.jobId(), seen.head())) {
        return;
      }
    } else if (action instanceof JobAction.DeleteJob) {
      client.resource(job).delete();
    }
    action.event().ifPresent(e -> events.record(client, job, e.type(), e.reason(), e.message()));
  }

  private void submit(JobAction.Submit submit, RustyJob job, JobObservation seen) {
    SubmitJobRequest request = JobSpecs.toProto(job, submit.submissionId(), seen.jars());
    HeadState head = seen.head().orElseThrow();
    try {
      heads.client(head.endpoint()).submitJob(request);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.INVALID_ARGUMENT
          || code == Status.Code.FAILED_PRECONDITION
          || code == Status.Code.NOT_FOUND) {
        throw new SubmissionRefusedException(String.valueOf(e.getStatus().getDescription()));
      }
      throw e;
    }
  }

  /**
   * Stops the driver of a RustyJob that is being deleted. A head that cannot be reached does not
   * keep the resource (as for actors): the driver is logged at WARN and the resource goes.
   */
  void stopBeforeDeletion(
      String jobId, RustyJob job, JobObservation seen, Context<RustyJob> context) {
    String name = job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
    try {
      if (stop(jobId, seen.head())) {
        events.record(
            context.getClient(),
            job,
            EventRecorder.Type.Normal,
            JobReason.JobStopped,
            "stopped job " + jobId + ": the RustyJob is deleted");
      } else {
        LOG.warnf("job %s of RustyJob %s may still run: its head is not reachable", jobId, name);
      }
    } catch (StatusRuntimeException e) {
      LOG.warnf("could not stop job %s of RustyJob %s: %s", jobId, name, e.getStatus());
    }
  }

  /**
   * Stops a driver on the head.
   *
   * @return false when no head is reachable to stop it on
   */
  boolean stop(String jobId, Optional<HeadState> head) {
    if (head.isEmpty()) {
      LOG.debugf("job %s cannot be stopped: its head is not reachable", jobId);
      return false;
    }
    heads.client(head.get().endpoint()).stopJob(jobId);
    return true;
  }
}
