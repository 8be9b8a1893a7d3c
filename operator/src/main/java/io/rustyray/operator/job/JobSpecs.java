package io.rustyray.operator.job;

import io.rustyray.operator.common.ActorNamespace;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.protocol.proto.JobJar;
import io.rustyray.protocol.proto.SubmitJobRequest;
import java.util.List;

/** Turns a RustyJob's spec into the head's SubmitJobRequest. */
final class JobSpecs {
  /** The SDK's variable ({@code Rusty.NAMESPACE_ENV}) that the driver's namespace is read from. */
  static final String NAMESPACE_ENV = "RUSTYRAY_NAMESPACE";

  private JobSpecs() {}

  /**
   * @param job the resource
   * @param submissionId the attempt's id ({@link Submissions#id})
   * @param jars the jars of spec.jarsFrom, read by the reconciler
   * @return the submission of that attempt
   */
  static SubmitJobRequest toProto(RustyJob job, String submissionId, List<JobJar> jars) {
    var spec = job.getSpec();
    var request =
        SubmitJobRequest.newBuilder()
            .setSubmissionId(submissionId)
            .setMainClass(spec.getEntrypoint().getMainClass())
            .addAllJars(jars);
    if (spec.getEntrypoint().getArgs() != null) {
      request.addAllArgs(spec.getEntrypoint().getArgs());
    }
    // The driver finds the actors of the RustyActors next to it, unless its env says otherwise.
    request.putEnv(NAMESPACE_ENV, ActorNamespace.of(job));
    if (spec.getEnv() != null) {
      request.putAllEnv(spec.getEnv());
    }
    if (spec.getWorkerJvmOptions() != null) {
      request.addAllWorkerJvmOptions(spec.getWorkerJvmOptions());
    }
    return request.build();
  }
}
