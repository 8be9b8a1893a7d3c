package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.rustyray.operator.common.EventRecorder;
import io.rustyray.operator.common.InvalidSpecException;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.common.OperatorConfig;
import io.rustyray.operator.common.StatusEvent;
import io.rustyray.operator.common.StatusWriter;
import io.rustyray.operator.crd.ClusterState;
import io.rustyray.operator.crd.HeadStatus;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyClusterStatus;
import io.rustyray.operator.head.ClusterKey;
import io.rustyray.operator.head.HeadConnections;
import io.rustyray.operator.head.HeadEndpoint;
import io.rustyray.operator.head.HeadState;
import io.rustyray.operator.head.HeadStateEventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a RustyCluster into its Secret, Service and pods (the dependents), follows its head's state
 * stream once the head is ready, and writes the status once per reconciliation.
 */
@ControllerConfiguration(name = RustyClusterReconciler.NAME)
// Events for kubectl describe, and the Lease of leader election.
@RBACRule(
    apiGroups = "",
    resources = "events",
    verbs = {"create", "patch"})
@RBACRule(
    apiGroups = "coordination.k8s.io",
    resources = "leases",
    verbs = {"get", "list", "watch", "create", "update", "patch"})
@Workflow(
    dependents = {
      @Dependent(
          name = "auth-secret",
          type = AuthSecretDependentResource.class,
          reconcilePrecondition = AuthEnabledCondition.class),
      @Dependent(name = "head-service", type = HeadServiceDependentResource.class),
      @Dependent(
          name = "head-gcs-claim",
          type = HeadGcsClaimDependentResource.class,
          reconcilePrecondition = GcsOnVolumeCondition.class),
      @Dependent(name = "pods", type = PodsDependentResource.class)
    })
public class RustyClusterReconciler implements Reconciler<RustyCluster> {
  public static final String NAME = "rustycluster";

  @Inject HeadConnections heads;
  @Inject OperatorConfig config;
  @Inject EventRecorder events;
  Clock clock = Clock.systemUTC();
  private StatusWriter<RustyClusterStatus, RustyCluster> writer;
  private final Map<String, HeadStatus> headsSeen = new ConcurrentHashMap<>();

  @Override
  public List<EventSource<?, RustyCluster>> prepareEventSources(
      EventSourceContext<RustyCluster> context) {
    return List.of(
        new HeadStateEventSource<RustyCluster>(
                "cluster-head-state",
                heads,
                c -> new ClusterKey(c.getMetadata().getNamespace(), c.getMetadata().getName()),
                key -> Set.of(new ResourceID(key.name(), key.namespace())),
                (key, actor) -> Set.of())
            .closingOnPrimaryDelete());
  }

  @Override
  public UpdateControl<RustyCluster> reconcile(
      RustyCluster cluster, Context<RustyCluster> context) {
    String name = cluster.getMetadata().getName();
    var key = new ClusterKey(cluster.getMetadata().getNamespace(), name);
    var pods =
        context
            .getSecondaryResourcesAsStream(Pod.class)
            .filter(p -> name.equals(p.getMetadata().getLabels().get(Names.LABEL_CLUSTER)))
            .toList();
    var computer = computer();
    RustyClusterStatus status = computer.compute(cluster, pods, Optional.empty());
    Optional<HeadState> head = Optional.empty();
    if (status.getState() == ClusterState.Suspended || status.getHead().getPodIP() == null) {
      heads.unwatch(key);
    } else if (status.getConditions().stream()
        .anyMatch(
            c ->
                ClusterStatusComputer.HEAD_READY.equals(c.getType())
                    && "True".equals(c.getStatus()))) {
      Optional<HeadEndpoint> endpoint = endpoint(cluster, status, context);
      if (endpoint.isPresent()) {
        head = Optional.of(heads.watch(key, endpoint.get()));
      }
    }
    status = computer.compute(cluster, pods, head);
    announceHead(cluster, status, context);
    return writer().write(cluster, status, context);
  }

  /**
   * Records the Event of a head that took over from another. The head last seen is remembered per
   * cluster, because the cache may still show the status from before our own patch.
   */
  private void announceHead(
      RustyCluster cluster, RustyClusterStatus status, Context<RustyCluster> context) {
    HeadStatus after = status.getHead();
    if (after == null || after.getHeadId() == null) {
      return;
    }
    String uid = cluster.getMetadata().getUid();
    HeadStatus before = uid == null ? null : headsSeen.get(uid);
    if (before == null && cluster.getStatus() != null) {
      before = cluster.getStatus().getHead();
    }
    HeadIdentity.changed(before, after)
        .ifPresent(
            a -> events.record(context.getClient(), cluster, a.type(), a.reason(), a.message()));
    if (uid != null) {
      headsSeen.put(uid, after);
    }
  }

  private Optional<HeadEndpoint> endpoint(
      RustyCluster cluster, RustyClusterStatus status, Context<RustyCluster> context) {
    String address = status.getHead().getPodIP() + ":" + config.headPort();
    if (!ClusterPods.authEnabled(cluster)) {
      return Optional.of(new HeadEndpoint(address, ""));
    }
    return context
        .getSecondaryResourcesAsStream(Secret.class)
        .filter(
            s ->
                Names.authSecret(cluster.getMetadata().getName()).equals(s.getMetadata().getName()))
        .findFirst()
        .flatMap(AuthSecretDependentResource::token)
        .map(token -> new HeadEndpoint(address, token));
  }

  @Override
  public ErrorStatusUpdateControl<RustyCluster> updateErrorStatus(
      RustyCluster cluster, Context<RustyCluster> context, Exception e) {
    var invalid = InvalidSpecException.find(e);
    RustyClusterStatus status =
        invalid.isPresent()
            ? computer().error(cluster, ClusterReason.InvalidSpec, invalid.get().getMessage(), true)
            : computer()
                .error(
                    cluster, ClusterReason.ReconcileError, String.valueOf(e.getMessage()), false);
    var control = writer().writeError(cluster, status, context);
    // A spec that cannot work is reported, not retried: the next spec change brings it back.
    return invalid.isPresent() ? control.withNoRetry() : control;
  }

  /** The Event that announces a cluster's state. */
  static StatusEvent announce(RustyClusterStatus status) {
    var state = status.getState();
    return state == null
        ? null
        : StatusEvent.entering(
            "cluster",
            state,
            state == ClusterState.Failed,
            ClusterReason.announcing(state),
            status.getConditions());
  }

  private StatusWriter<RustyClusterStatus, RustyCluster> writer() {
    if (writer == null) {
      writer = new StatusWriter<>(RustyCluster::new, RustyClusterReconciler::announce, events);
    }
    return writer;
  }

  private ClusterStatusComputer computer() {
    return new ClusterStatusComputer(
        new ClusterPods(config.runtimeImage(), config.headPort()), config.headPort(), clock);
  }
}
