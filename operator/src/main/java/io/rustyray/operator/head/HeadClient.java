package io.rustyray.operator.head;

import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.SubmitJobRequest;
import java.util.Optional;

/**
 * The calls the operator makes to one cluster's head. Failures surface as gRPC {@link
 * io.grpc.StatusRuntimeException}s.
 */
public interface HeadClient {
  /**
   * @param spec the actor to create (named, detached)
   * @return the actor as the GCS registered it
   */
  ActorInfo createActor(ActorSpec spec);

  /**
   * @param namespace the namespace the actor was created in
   * @param name the actor's name
   * @return the live actor of that name there, if any
   */
  Optional<ActorInfo> getActor(String namespace, String name);

  /**
   * Kills an actor for good (no restart).
   *
   * @param actorId the actor
   */
  void killActor(String actorId);

  /**
   * @param request the job; a second request with the same submission id returns the first job
   * @return the job
   */
  JobInfo submitJob(SubmitJobRequest request);

  /**
   * @param jobId the job
   * @return the job, if the head knows it
   */
  Optional<JobInfo> getJob(String jobId);

  /**
   * @param jobId the job to stop
   * @return the job after the stop request
   */
  JobInfo stopJob(String jobId);
}
