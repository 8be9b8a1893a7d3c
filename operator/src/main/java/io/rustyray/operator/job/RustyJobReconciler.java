package io.rustyray.operator.job;

import com.google.protobuf.ByteString;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.common.EventRecorder;
import io.rustyray.operator.common.InvalidSpecException;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.common.OperatorConfig;
import io.rustyray.operator.common.StatusPatches;
import io.rustyray.operator.crd.JobState;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.crd.RustyJobStatus;
import io.rustyray.operator.head.ClusterKey;
import io.rustyray.operator.head.HeadClient;
import io.rustyray.operator.head.HeadConnections;
import io.rustyray.operator.head.HeadEndpoint;
import io.rustyray.operator.head.HeadState;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobJar;
import io.rustyray.protocol.proto.SubmitJobRequest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs a RustyJob's driver on its cluster (referenced, or created for the job), mirrors the head's
 * report, and applies deadline, retries, suspension and time-to-live. Job changes are not pushed by
 * the head, so a running job is read again every {@code rustyray.operator.job-poll-interval}.
 */
@ControllerConfiguration(name = RustyJobReconciler.NAME)
// The cluster token; clusters made for jobs; finished jobs deleted after their TTL.
@RBACRule(
    apiGroups = "",
    resources = "configmaps",
    verbs = {"get"})
@RBACRule(
    apiGroups = "",
    resources = "secrets",
    verbs = {"get"})
@RBACRule(
    apiGroups = "",
    resources = "events",
    verbs = {"create", "patch"})
// The job's own cluster (clusterSpec) is created and deleted; a finished job deletes itself
// after ttlSecondsAfterFinished.
@RBACRule(
    apiGroups = "rustyray.io",
    resources = "rustyclusters",
    verbs = {"create", "delete"})
@RBACRule(
    apiGroups = "rustyray.io",
    resources = "rustyjobs",
    verbs = {"delete"})
public class RustyJobReconciler implements Reconciler<RustyJob> {
  public static final String NAME = "rustyjob";

  @Inject HeadConnections heads;
  @Inject OperatorConfig config;
  @Inject EventRecorder events;
  Clock clock = Clock.systemUTC();

  /**
   * @param job the job
   * @return the name of the cluster it runs on
   */
  public static String clusterName(RustyJob job) {
    return job.getSpec().getClusterRef() != null
        ? job.getSpec().getClusterRef()
        : Names.jobCluster(job.getMetadata().getName());
  }

  /**
   * @param job the job
   * @param attempt the attempt, from 1
   * @return the submission id: stable, so that a restarted operator never submits twice
   */
  public static String submissionId(RustyJob job, int attempt) {
    return job.getMetadata().getNamespace() + "-" + job.getMetadata().getName() + "-" + attempt;
  }

  @Override
  public List<EventSource<?, RustyJob>> prepareEventSources(EventSourceContext<RustyJob> context) {
    var cache = context.getPrimaryCache();
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(RustyCluster.class, RustyJob.class)
                .withSecondaryToPrimaryMapper(
                    cluster ->
                        cache
                            .list(cluster.getMetadata().getNamespace())
                            .filter(j -> cluster.getMetadata().getName().equals(clusterName(j)))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (RustyJob j) ->
                        Set.of(new ResourceID(clusterName(j), j.getMetadata().getNamespace())))
                .build(),
            context));
  }

  @Override
  public UpdateControl<RustyJob> reconcile(RustyJob job, Context<RustyJob> context) {
    var computer = new JobStatusComputer(clock);
    RustyJobStatus status = computer.start(job);
    status.setClusterName(clusterName(job));
    Optional<RustyCluster> cluster = context.getSecondaryResource(RustyCluster.class);

    if (status.getJobStatus() != null && status.getJobStatus().isFinished() && finishedFor(job)) {
      return afterFinish(job, status, cluster, context);
    }
    if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      if (status.getJobId() != null && !isEnded(status)) {
        endpoint(cluster, context).ifPresent(e -> heads.client(e).stopJob(status.getJobId()));
        events.record(
            context.getClient(),
            job,
            EventRecorder.Type.Normal,
            JobReason.JobSuspended,
            "stopped job " + status.getJobId());
      }
      if (status.getJobId() != null) {
        status.setJobStatus(JobState.STOPPED);
        // Unsuspending submits a new attempt.
        status.setSubmissionId(null);
      }
      return write(
          job,
          computer.finish(job, status, JobReason.Suspended, "spec.suspend is true"),
          null,
          context);
    }
    if (cluster.isEmpty() && job.getSpec().getClusterSpec() != null) {
      createCluster(job, context);
    }
    Optional<HeadEndpoint> endpoint = endpoint(cluster, context);
    if (endpoint.isEmpty()) {
      if (status.getJobStatus() == null) {
        status.setJobStatus(JobState.PENDING);
      }
      boolean missing = job.getSpec().getClusterRef() != null && cluster.isEmpty();
      return write(
          job,
          computer.finish(
              job,
              status,
              missing ? JobReason.ClusterNotFound : JobReason.ClusterNotReady,
              missing
                  ? "RustyCluster " + clusterName(job) + " does not exist"
                  : "waiting for RustyCluster " + clusterName(job) + " to be Ready"),
          null,
          context);
    }
    HeadClient head = heads.client(endpoint.get());

    if (deadlineExceeded(job, status)) {
      if (status.getJobId() != null && !isEnded(status)) {
        head.stopJob(status.getJobId());
      }
      status.setJobStatus(JobState.FAILED);
      status.setEndTime(computer.now());
      String message =
          "the job ran longer than activeDeadlineSeconds="
              + job.getSpec().getActiveDeadlineSeconds();
      status.setMessage(message);
      events.record(
          context.getClient(),
          job,
          EventRecorder.Type.Warning,
          JobReason.DeadlineExceeded,
          message);
      return write(
          job,
          computer.finish(job, status, JobReason.DeadlineExceeded, message),
          Duration.ZERO,
          context);
    }

    if (status.getSubmissionId() == null) {
      int attempt = status.getAttempts() == null ? 1 : status.getAttempts() + 1;
      status.setAttempts(attempt);
      status.setSubmissionId(submissionId(job, attempt));
      status.setJobId(null);
      status.setStartTime(null);
      status.setEndTime(null);
      if (status.getSubmitTime() == null) {
        status.setSubmitTime(computer.now());
      }
    }
    JobInfo info;
    try {
      info =
          status.getJobId() == null
              ? submit(job, status, head, context)
              : head.getJob(status.getJobId()).orElse(null);
    } catch (InvalidSpecException e) {
      // Nothing was submitted: wait (and look again) until the input exists.
      status.setSubmissionId(null);
      status.setAttempts(job.getStatus() == null ? null : job.getStatus().getAttempts());
      status.setSubmitTime(job.getStatus() == null ? null : job.getStatus().getSubmitTime());
      status.setJobStatus(JobState.PENDING);
      status.setMessage(e.getMessage());
      return write(
          job,
          computer.finish(job, status, JobReason.JarsNotFound, e.getMessage()),
          config.jobPollInterval(),
          context);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.INVALID_ARGUMENT
          || code == Status.Code.FAILED_PRECONDITION
          || code == Status.Code.NOT_FOUND) {
        status.setJobStatus(JobState.FAILED);
        status.setMessage(e.getStatus().getDescription());
        status.setEndTime(computer.now());
        return write(
            job,
            computer.finish(job, status, JobReason.SubmissionFailed, status.getMessage()),
            Duration.ZERO,
            context);
      }
      throw e;
    }
    if (info == null) {
      // The head no longer knows the job: it was replaced while the job ran.
      status.setJobStatus(JobState.FAILED);
      status.setMessage("the cluster lost job " + status.getJobId() + " (head replaced?)");
    } else {
      computer.mirror(status, info);
    }
    if (status.getJobStatus() == JobState.FAILED && retriesLeft(job, status)) {
      String message =
          "attempt " + status.getAttempts() + " failed: " + status.getMessage() + "; retrying";
      events.record(
          context.getClient(), job, EventRecorder.Type.Warning, JobReason.Retrying, message);
      status.setJobStatus(JobState.PENDING);
      status.setSubmissionId(null);
      status.setMessage(message);
      return write(
          job,
          computer.finish(job, status, JobReason.Retrying, message),
          Duration.ofMillis(200),
          context);
    }
    JobReason reason =
        switch (status.getJobStatus()) {
          case SUCCEEDED -> JobReason.Succeeded;
          case FAILED -> JobReason.AppFailed;
          case STOPPED -> JobReason.Stopped;
          case RUNNING -> JobReason.Running;
          case PENDING -> JobReason.Submitted;
        };
    Duration next = status.getJobStatus().isFinished() ? Duration.ZERO : config.jobPollInterval();
    return write(job, computer.finish(job, status, reason, status.getMessage()), next, context);
  }

  private JobInfo submit(
      RustyJob job, RustyJobStatus status, HeadClient head, Context<RustyJob> context) {
    var request =
        SubmitJobRequest.newBuilder()
            .setSubmissionId(status.getSubmissionId())
            .setMainClass(job.getSpec().getEntrypoint().getMainClass());
    if (job.getSpec().getEntrypoint().getArgs() != null) {
      request.addAllArgs(job.getSpec().getEntrypoint().getArgs());
    }
    if (job.getSpec().getEnv() != null) {
      request.putAllEnv(job.getSpec().getEnv());
    }
    request.addAllJars(jars(job, context));
    JobInfo info = head.submitJob(request.build());
    events.record(
        context.getClient(),
        job,
        EventRecorder.Type.Normal,
        JobReason.JobSubmitted,
        "attempt " + status.getAttempts() + " submitted as job " + info.getJobId());
    return info;
  }

  /**
   * @return the jars of the ConfigMap named by spec.jarsFrom (its binaryData entries ending in
   *     .jar), sorted by name
   * @throws InvalidSpecException when the ConfigMap does not exist
   */
  private static List<JobJar> jars(RustyJob job, Context<RustyJob> context) {
    String name = job.getSpec().getJarsFrom();
    if (name == null) {
      return List.of();
    }
    ConfigMap configMap =
        context
            .getClient()
            .configMaps()
            .inNamespace(job.getMetadata().getNamespace())
            .withName(name)
            .get();
    if (configMap == null) {
      throw new InvalidSpecException("ConfigMap " + name + " (spec.jarsFrom) does not exist");
    }
    Map<String, String> data =
        configMap.getBinaryData() == null ? Map.of() : configMap.getBinaryData();
    return new TreeMap<>(data)
        .entrySet().stream()
            .filter(e -> e.getKey().endsWith(".jar"))
            .map(
                e ->
                    JobJar.newBuilder()
                        .setName(e.getKey())
                        .setContent(ByteString.copyFrom(Base64.getDecoder().decode(e.getValue())))
                        .build())
            .toList();
  }

  private UpdateControl<RustyJob> afterFinish(
      RustyJob job,
      RustyJobStatus status,
      Optional<RustyCluster> cluster,
      Context<RustyJob> context) {
    if (job.getSpec().getClusterSpec() != null
        && Boolean.TRUE.equals(job.getSpec().getShutdownAfterJobFinishes())
        && cluster.isPresent()) {
      context.getClient().resource(cluster.get()).delete();
      events.record(
          context.getClient(),
          job,
          EventRecorder.Type.Normal,
          JobReason.ClusterDeleted,
          "deleted RustyCluster "
              + cluster.get().getMetadata().getName()
              + " after the job finished");
    }
    Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
    if (ttl != null && status.getEndTime() != null) {
      Instant expiry = Instant.parse(status.getEndTime()).plusSeconds(ttl);
      Duration left = Duration.between(Instant.now(clock), expiry);
      if (left.isNegative() || left.isZero()) {
        context.getClient().resource(job).delete();
        return UpdateControl.noUpdate();
      }
      return UpdateControl.<RustyJob>noUpdate().rescheduleAfter(left.toMillis());
    }
    return UpdateControl.noUpdate();
  }

  private void createCluster(RustyJob job, Context<RustyJob> context) {
    var cluster = new RustyCluster();
    cluster.getMetadata().setName(Names.jobCluster(job.getMetadata().getName()));
    cluster.getMetadata().setNamespace(job.getMetadata().getNamespace());
    cluster.getMetadata().setLabels(java.util.Map.of(Names.LABEL_MANAGED_BY, Names.MANAGED_BY));
    cluster
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion(job.getApiVersion())
                    .withKind(job.getKind())
                    .withName(job.getMetadata().getName())
                    .withUid(job.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(false)
                    .build()));
    cluster.setSpec(job.getSpec().getClusterSpec());
    try {
      context.getClient().resource(cluster).create();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private Optional<HeadEndpoint> endpoint(
      Optional<RustyCluster> cluster, Context<RustyJob> context) {
    return cluster
        .filter(
            c -> c.getStatus() != null && Conditions.isTrue(c.getStatus().getConditions(), "Ready"))
        .flatMap(
            c ->
                heads
                    .state(
                        new ClusterKey(c.getMetadata().getNamespace(), c.getMetadata().getName()))
                    .map(HeadState::endpoint));
  }

  private boolean deadlineExceeded(RustyJob job, RustyJobStatus status) {
    Long deadline = job.getSpec().getActiveDeadlineSeconds();
    return deadline != null
        && status.getSubmitTime() != null
        && Instant.now(clock).isAfter(Instant.parse(status.getSubmitTime()).plusSeconds(deadline));
  }

  private static boolean retriesLeft(RustyJob job, RustyJobStatus status) {
    int limit = job.getSpec().getBackoffLimit() == null ? 0 : job.getSpec().getBackoffLimit();
    int attempts = status.getAttempts() == null ? 1 : status.getAttempts();
    return attempts <= limit;
  }

  private static boolean isEnded(RustyJobStatus status) {
    return status.getJobStatus() != null && status.getJobStatus().isFinished();
  }

  /** A finished job stays finished unless it was only suspended. */
  private static boolean finishedFor(RustyJob job) {
    var conditions = job.getStatus() == null ? null : job.getStatus().getConditions();
    return Conditions.isTrue(conditions, JobStatusComputer.COMPLETE)
        || Conditions.isTrue(conditions, JobStatusComputer.FAILED);
  }

  @Override
  public ErrorStatusUpdateControl<RustyJob> updateErrorStatus(
      RustyJob job, Context<RustyJob> context, Exception e) {
    var computer = new JobStatusComputer(clock);
    RustyJobStatus status = computer.start(job);
    if (status.getJobStatus() == null) {
      status.setJobStatus(JobState.PENDING);
    }
    return ErrorStatusUpdateControl.patchStatus(
        StatusPatches.fresh(
            job,
            RustyJob::new,
            computer.finish(job, status, JobReason.HeadUnreachable, e.getMessage())));
  }

  private UpdateControl<RustyJob> write(
      RustyJob job, RustyJobStatus status, Duration next, Context<RustyJob> context) {
    JobState before = job.getStatus() == null ? null : job.getStatus().getJobStatus();
    if (before != status.getJobStatus() && status.getJobStatus() != null) {
      events.record(
          context.getClient(),
          job,
          status.getJobStatus() == JobState.FAILED
              ? EventRecorder.Type.Warning
              : EventRecorder.Type.Normal,
          JobReason.valueOf(
              "Job"
                  + status.getJobStatus().name().charAt(0)
                  + status.getJobStatus().name().substring(1).toLowerCase(java.util.Locale.ROOT)),
          "job is "
              + status.getJobStatus()
              + (status.getMessage() == null ? "" : ": " + status.getMessage()));
    }
    UpdateControl<RustyJob> control =
        StatusPatches.same(job.getStatus(), status)
            ? UpdateControl.noUpdate()
            : UpdateControl.patchStatus(StatusPatches.fresh(job, RustyJob::new, status));
    if (next != null) {
      control.rescheduleAfter(Math.max(next.toMillis(), 1));
    }
    return control;
  }
}
