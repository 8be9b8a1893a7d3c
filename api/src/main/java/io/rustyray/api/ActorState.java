package io.rustyray.api;

/** Where an actor is in its life, as Ray names the states. */
public enum ActorState {
  /** Its constructor's arguments are not ready yet. */
  DEPENDENCIES_UNREADY,
  /** Waiting for a node that fits it, or being built there. */
  PENDING_CREATION,
  /** Built and taking calls. */
  ALIVE,
  /** Its instance was lost and a new one is being built. */
  RESTARTING,
  /** Ended for good: killed, exited, out of restarts, or its owner ended. */
  DEAD
}
