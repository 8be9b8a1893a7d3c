package io.rustyray.api;

import java.util.List;

/**
 * Where the calling code runs.
 *
 * @param nodeId the node that runs this code, or empty in a driver outside the cluster
 * @param jobId the job this code belongs to: a driver's, and the same in every task and actor that
 *     job starts, however deeply nested
 * @param actorId the actor whose method or constructor runs this code, or empty outside an actor
 * @param wasCurrentActorRestarted whether that actor is a restarted instance (after its worker or
 *     node died, or a {@code kill(false)}), as Ray's {@code wasCurrentActorRestarted()}
 * @param namespace the namespace the job's named actors and placement groups live in
 * @param gpuIds the GPUs of its node given to the running task or actor (none outside them, or when
 *     it asked for no {@code gpu})
 */
public record RuntimeContext(
    String nodeId,
    String jobId,
    String actorId,
    boolean wasCurrentActorRestarted,
    String namespace,
    List<Integer> gpuIds) {

  public RuntimeContext {
    gpuIds = List.copyOf(gpuIds);
  }

  /** The context of code in no namespace and with no GPUs. */
  public RuntimeContext(
      String nodeId, String jobId, String actorId, boolean wasCurrentActorRestarted) {
    this(nodeId, jobId, actorId, wasCurrentActorRestarted, "", List.of());
  }

  /** The context of code that runs outside any actor. */
  public RuntimeContext(String nodeId, String jobId) {
    this(nodeId, jobId, "", false);
  }
}
