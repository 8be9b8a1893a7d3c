package io.rustyray.api;

/**
 * An actor whose state survives its restarts. Created with {@link
 * ActorCreator#setCheckpoint(Checkpoint)}, it hands the runtime its state after calls (as {@link
 * Checkpoint} says when), and a restarted instance is given the newest one before any call runs:
 * after its worker or node died, after {@code kill(false)}, after a rolling update, after the head
 * was replaced (with a durable head store).
 *
 * <p>The state travels as call arguments do (Jackson CBOR, never Java serialization), and is read
 * back into {@code S} as the class declares it: a record, a bean, a collection, a primitive
 * wrapper. Return a copy or an immutable value: the runtime encodes it after the call, while later
 * calls may run.
 *
 * @param <S> the type of the state
 */
public interface Checkpointable<S> {
  /**
   * Returns the actor's state, taken after a call. An exception fails the call whose state it is
   * (with {@code RustyTaskException}), and the last good checkpoint stays.
   *
   * @return the state to keep
   */
  S saveCheckpoint();

  /**
   * Puts back the state a previous instance saved; called once on a restarted instance, after its
   * constructor and before any call. An exception fails the restart, with its cause in the actor's
   * death cause, as a constructor that throws does.
   *
   * @param checkpoint the newest state that was kept
   */
  void loadCheckpoint(S checkpoint);
}
