package io.rustyray.runtime.gcs;

import io.rustyray.protocol.proto.CreateActorInstanceReply;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.runtime.tasks.TaskStream;
import java.util.concurrent.CompletableFuture;

/**
 * How the head talks to its nodes, each addressed by its {@code host:port}: the few calls the GCS
 * makes to them. A call that fails completes exceptionally with a gRPC status; UNAVAILABLE means
 * the node could not be reached or went away during the call, so the head may try elsewhere.
 * Replies may arrive on any thread, or on the caller's before the method returns.
 */
interface NodeClients extends AutoCloseable {
  /**
   * Asks a node to construct an actor instance (in a worker process of the actor's job).
   *
   * @return completes with the worker that hosts the instance once it exists; exceptionally when
   *     the node cannot create it
   */
  CompletableFuture<CreateActorInstanceReply> createActorInstance(
      String address, CreateActorInstanceRequest request);

  /**
   * Asks a node to end an actor's instance.
   *
   * @param incarnation the instance's incarnation (a restart on the same node is another one)
   * @return completes once the instance's work has stopped; exceptionally when the node could not
   *     be told
   */
  CompletableFuture<Void> killActorInstance(String address, String actorId, int incarnation);

  /**
   * Tells a node that a job ended, so that it ends the job's worker processes.
   *
   * @return completes once the node was told
   */
  CompletableFuture<Void> endJob(String address, String jobId);

  /**
   * Asks a node to free every object that an owner (a client process that exited) owned.
   *
   * @return completes once the node has freed them
   */
  CompletableFuture<Void> freeObjects(String address, String ownerId);

  /**
   * Asks a node to free one object, whose last holder released it.
   *
   * @return completes once the node has freed it
   */
  CompletableFuture<Void> freeObject(String address, String objectId);

  /**
   * Opens a stream of tasks to a node. The head keeps one per node and opens a new one once it is
   * {@link TaskStream#broken() broken}.
   */
  TaskStream openTaskStream(String address);

  /**
   * Drops the connection to a node the head declared dead: calls still in flight to it fail with
   * UNAVAILABLE, and a later call connects afresh.
   */
  void forget(String address);

  @Override
  void close();
}
