package io.rustyray.api;

/**
 * What the cluster knows of one actor, as {@link Rusty#getAllActorInfo()} lists it.
 *
 * @param actorId the actor's id
 * @param name its name, or empty
 * @param namespace the namespace its name lives in
 * @param jobId the job that created it
 * @param className the actor's class
 * @param nodeId the node that hosts it, or empty while it has none
 * @param state its state
 * @param numRestarts how many times it was restarted
 * @param maxRestarts how many restarts it may have; -1 for always
 * @param detached whether it outlives its creator
 * @param deathCause why it died, or empty while it lives
 */
public record ActorInfo(
    String actorId,
    String name,
    String namespace,
    String jobId,
    String className,
    String nodeId,
    ActorState state,
    int numRestarts,
    int maxRestarts,
    boolean detached,
    String deathCause) {}
