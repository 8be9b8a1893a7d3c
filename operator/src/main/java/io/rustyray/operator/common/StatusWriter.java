package io.rustyray.operator.common;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way a reconciler writes the status of its kind: a patch that carries only name, namespace
 * and status (never a field of the spec), skipped when nothing changed, and one Event each time the
 * resource enters a new state.
 *
 * <p>The state last announced is remembered per resource, because the informer's cache can still
 * show the status from before our own patch when the next reconciliation runs: comparing with the
 * cache alone would announce the same transition twice.
 *
 * @param <S> the status type
 * @param <R> the resource type
 */
public final class StatusWriter<S, R extends CustomResource<?, S>> {
  private final Supplier<R> factory;
  private final Function<S, StatusEvent> announce;
  private final EventRecorder events;
  private final Map<String, String> announced = new ConcurrentHashMap<>();

  /**
   * @param factory makes an empty resource of the kind
   * @param announce the Event that announces a status's state, or null for a status that has none
   *     yet
   * @param events where Events go
   */
  public StatusWriter(
      Supplier<R> factory, Function<S, StatusEvent> announce, EventRecorder events) {
    this.factory = factory;
    this.announce = announce;
    this.events = events;
  }

  /**
   * @param primary the resource as reconciled
   * @param status its new status
   * @param context the reconciliation's context
   * @return the patch of the status, or no update when it is unchanged
   */
  public UpdateControl<R> write(R primary, S status, Context<R> context) {
    announceTransition(primary, status, context);
    if (StatusPatches.same(primary.getStatus(), status)) {
      return UpdateControl.noUpdate();
    }
    return UpdateControl.patchStatus(StatusPatches.fresh(primary, factory, status));
  }

  /**
   * @param primary the resource whose reconciliation failed
   * @param status its status saying why
   * @param context the reconciliation's context
   * @return the patch of the status
   */
  public ErrorStatusUpdateControl<R> writeError(R primary, S status, Context<R> context) {
    announceTransition(primary, status, context);
    if (StatusPatches.same(primary.getStatus(), status)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    return ErrorStatusUpdateControl.patchStatus(StatusPatches.fresh(primary, factory, status));
  }

  /**
   * Forgets a deleted resource.
   *
   * @param primary the resource
   */
  public void forget(R primary) {
    announced.remove(primary.getMetadata().getUid());
  }

  private void announceTransition(R primary, S status, Context<R> context) {
    StatusEvent next = status == null ? null : announce.apply(status);
    if (next == null) {
      return;
    }
    String uid = primary.getMetadata().getUid();
    String before = announced.get(uid);
    if (before == null && primary.getStatus() != null) {
      StatusEvent cached = announce.apply(primary.getStatus());
      before = cached == null ? null : cached.state();
    }
    if (!Objects.equals(before, next.state())) {
      events.record(context.getClient(), primary, next.type(), next.reason(), next.message());
    }
    if (uid != null) {
      announced.put(uid, next.state());
    }
  }
}
