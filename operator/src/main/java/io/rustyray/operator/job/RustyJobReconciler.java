package io.rustyray.operator.job;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.rustyray.operator.common.EventRecorder;
import io.rustyray.operator.common.StatusEvent;
import io.rustyray.operator.common.StatusWriter;
import io.rustyray.operator.crd.JobState;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.crd.RustyJobStatus;
import io.rustyray.operator.head.HeadConnections;
import io.rustyray.operator.head.HeadStateEventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a RustyJob's driver on its cluster (referenced, or its own: a dependent) and mirrors what
 * the head's state stream says about it. Each reconciliation observes ({@link JobObserver}),
 * decides ({@link JobDecider}, pure), carries out one action ({@link JobActions}) and writes the
 * status once. A finalizer stops a running driver when the resource is deleted.
 */
@ControllerConfiguration(name = RustyJobReconciler.NAME)
// The jars of spec.jarsFrom.
@RBACRule(
    apiGroups = "",
    resources = "configmaps",
    verbs = {"get"})
@RBACRule(
    apiGroups = "",
    resources = "events",
    verbs = {"create", "patch"})
// A finished job deletes itself after ttlSecondsAfterFinished.
@RBACRule(
    apiGroups = "rustyray.io",
    resources = "rustyjobs",
    verbs = {"delete"})
@Workflow(
    dependents =
        @Dependent(
            name = "own-cluster",
            type = JobClusterDependentResource.class,
            reconcilePrecondition = OwnClusterCondition.class))
public class RustyJobReconciler implements Reconciler<RustyJob>, Cleaner<RustyJob> {
  public static final String NAME = "rustyjob";

  @Inject HeadConnections heads;
  @Inject EventRecorder events;
  private StatusWriter<RustyJobStatus, RustyJob> writer;
  Clock clock = Clock.systemUTC();

  @Override
  public List<EventSource<?, RustyJob>> prepareEventSources(EventSourceContext<RustyJob> context) {
    var cache = context.getPrimaryCache();
    var clusters =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(RustyCluster.class, RustyJob.class)
                .withName(JobObserver.CLUSTERS)
                .withSecondaryToPrimaryMapper(
                    cluster ->
                        ids(
                            cache.list(cluster.getMetadata().getNamespace()),
                            j -> cluster.getMetadata().getName().equals(JobClusters.name(j))))
                .withPrimaryToSecondaryMapper(
                    (RustyJob j) ->
                        Set.of(new ResourceID(JobClusters.name(j), j.getMetadata().getNamespace())))
                .build(),
            context);
    var headState =
        new HeadStateEventSource<RustyJob>(
                "job-head-state",
                heads,
                JobClusters::key,
                key -> ids(cache.list(key.namespace()), j -> onCluster(j, key.name())),
                (key, actorName) -> Set.of())
            // Mapped by the submission id's prefix, not by status.submissionId: the head reports
            // a new attempt before the status that names it is back in the cache.
            .onJobChange(
                (key, submissionId) ->
                    ids(
                        cache.list(key.namespace()),
                        j -> onCluster(j, key.name()) && Submissions.isOf(j, submissionId)));
    return List.of(clusters, headState);
  }

  private static boolean onCluster(RustyJob job, String cluster) {
    return cluster.equals(JobClusters.name(job));
  }

  private static Set<ResourceID> ids(Stream<RustyJob> jobs, Predicate<RustyJob> filter) {
    return jobs.filter(filter).map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  @Override
  public UpdateControl<RustyJob> reconcile(RustyJob job, Context<RustyJob> context) {
    JobObservation seen = observer().observe(job, context);
    JobDecision decision = new JobDecider(clock).decide(job, seen);
    new JobActions(heads, events).perform(decision.action(), job, seen, context.getClient());
    UpdateControl<RustyJob> control = write(job, decision.status(), context);
    decision.wakeUp().ifPresent(after -> control.rescheduleAfter(Math.max(1, after.toMillis())));
    return control;
  }

  @Override
  public ErrorStatusUpdateControl<RustyJob> updateErrorStatus(
      RustyJob job, Context<RustyJob> context, Exception e) {
    var decider = new JobDecider(clock);
    boolean refused = e instanceof SubmissionRefusedException;
    RustyJobStatus status =
        refused
            ? decider.refused(job, e.getMessage())
            : decider.unreachable(job, String.valueOf(e.getMessage()));
    var control = writer().writeError(job, status, context);
    // The same submission would be refused again.
    return refused ? control.withNoRetry() : control;
  }

  /**
   * Stops the driver of a job that is deleted while it may run. A head that cannot be reached does
   * not keep the resource: its driver is logged at WARN and the resource goes.
   */
  /** Stops the driver of a job deleted while it may run; an unreachable head does not hold it. */
  @Override
  public DeleteControl cleanup(RustyJob job, Context<RustyJob> context) {
    writer().forget(job);
    JobObservation seen = observer().observe(job, context);
    JobDecider.liveJob(job, seen)
        .ifPresent(
            jobId -> new JobActions(heads, events).stopBeforeDeletion(jobId, job, seen, context));
    return DeleteControl.defaultDelete();
  }

  private JobObserver observer() {
    return new JobObserver(heads, clock);
  }

  private UpdateControl<RustyJob> write(
      RustyJob job, RustyJobStatus status, Context<RustyJob> context) {
    return writer().write(job, status, context);
  }

  /** The Event that announces a job's state, with the job's message. */
  static StatusEvent announce(RustyJobStatus status) {
    JobState state = status.getJobStatus();
    return state == null
        ? null
        : new StatusEvent(
            state.name(),
            state == JobState.FAILED ? EventRecorder.Type.Warning : EventRecorder.Type.Normal,
            JobReason.reached(state),
            "job is " + state + (status.getMessage() == null ? "" : ": " + status.getMessage()));
  }

  private StatusWriter<RustyJobStatus, RustyJob> writer() {
    if (writer == null) {
      writer = new StatusWriter<>(RustyJob::new, RustyJobReconciler::announce, events);
    }
    return writer;
  }
}
