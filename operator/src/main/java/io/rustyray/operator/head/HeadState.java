package io.rustyray.operator.head;

import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.HeadInfo;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import java.util.Map;
import java.util.Optional;

/**
 * What a head's GCS last told the operator about its actors, nodes and jobs.
 *
 * @param cluster the cluster
 * @param endpoint the head it came from
 * @param synced whether the operator holds a full, current picture (the stream is connected and the
 *     initial listing arrived); when false, absence of an actor means nothing
 * @param actorsByName named actors; for a name used more than once, the live one
 * @param nodes nodes by id
 * @param jobsBySubmission jobs submitted with a submission id (the operator's), by that id
 * @param info what the head says of itself (incarnation, store, recovery), or null from a head that
 *     does not tell (an older runtime) or before it told
 */
public record HeadState(
    ClusterKey cluster,
    HeadEndpoint endpoint,
    boolean synced,
    Map<String, ActorInfo> actorsByName,
    Map<String, NodeInfo> nodes,
    Map<String, JobInfo> jobsBySubmission,
    HeadInfo info) {

  /** A state without the head's own report, as from a head that does not give one. */
  public HeadState(
      ClusterKey cluster,
      HeadEndpoint endpoint,
      boolean synced,
      Map<String, ActorInfo> actorsByName,
      Map<String, NodeInfo> nodes,
      Map<String, JobInfo> jobsBySubmission) {
    this(cluster, endpoint, synced, actorsByName, nodes, jobsBySubmission, null);
  }

  /**
   * @return what the head says of itself, if it did
   */
  public Optional<HeadInfo> headInfo() {
    return Optional.ofNullable(info);
  }

  /**
   * @param actorId an actor's id
   * @return the named actor with that id, if the head knows it
   */
  public Optional<ActorInfo> actorById(String actorId) {
    return actorsByName.values().stream().filter(a -> a.getActorId().equals(actorId)).findFirst();
  }

  /**
   * @param submissionId the submission id a job was submitted with
   * @return the job the head runs or ran for it
   */
  public Optional<JobInfo> job(String submissionId) {
    return Optional.ofNullable(jobsBySubmission.get(submissionId));
  }

  /**
   * @param name the actor's name
   * @return the actor the head knows by that name
   */
  public Optional<ActorInfo> actor(String name) {
    return Optional.ofNullable(actorsByName.get(name));
  }

  /**
   * @param nodeId a node's id (a pod's name, on Kubernetes)
   * @return whether that node has joined and is alive
   */
  public boolean nodeAlive(String nodeId) {
    NodeInfo node = nodes.get(nodeId);
    return node != null && node.getState() == NodeState.NODE_ALIVE;
  }

  /**
   * @return nodes in state NODE_ALIVE
   */
  public int nodesAlive() {
    return (int) nodes.values().stream().filter(n -> n.getState() == NodeState.NODE_ALIVE).count();
  }
}
