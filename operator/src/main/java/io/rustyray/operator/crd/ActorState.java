package io.rustyray.operator.crd;

/** Ray's actor states, as the head's GCS reports them. */
public enum ActorState {
  DEPENDENCIES_UNREADY,
  PENDING_CREATION,
  ALIVE,
  RESTARTING,
  DEAD
}
