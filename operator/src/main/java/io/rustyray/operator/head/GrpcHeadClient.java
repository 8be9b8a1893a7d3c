package io.rustyray.operator.head;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetActorRequest;
import io.rustyray.protocol.proto.GetJobRequest;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.KillActorRequest;
import io.rustyray.protocol.proto.StopJobRequest;
import io.rustyray.protocol.proto.SubmitJobRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@link HeadClient} over the head's GcsService, one deadline per call. */
final class GrpcHeadClient implements HeadClient {
  private final Channel channel;
  private final Duration timeout;

  GrpcHeadClient(Channel channel, Duration timeout) {
    this.channel = channel;
    this.timeout = timeout;
  }

  private GcsServiceGrpc.GcsServiceBlockingStub stub() {
    return GcsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public ActorInfo createActor(ActorSpec spec) {
    return stub().createActor(CreateActorRequest.newBuilder().setSpec(spec).build()).getActor();
  }

  @Override
  public Optional<ActorInfo> getActor(String namespace, String name) {
    var reply =
        stub().getActor(GetActorRequest.newBuilder().setNamespace(namespace).setName(name).build());
    return reply.getFound() ? Optional.of(reply.getActor()) : Optional.empty();
  }

  @Override
  public void killActor(String actorId) {
    stub().killActor(KillActorRequest.newBuilder().setActorId(actorId).setNoRestart(true).build());
  }

  @Override
  public JobInfo submitJob(SubmitJobRequest request) {
    return stub().submitJob(request);
  }

  @Override
  public Optional<JobInfo> getJob(String jobId) {
    try {
      return Optional.of(stub().getJob(GetJobRequest.newBuilder().setJobId(jobId).build()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public JobInfo stopJob(String jobId) {
    return stub().stopJob(StopJobRequest.newBuilder().setJobId(jobId).build());
  }
}
