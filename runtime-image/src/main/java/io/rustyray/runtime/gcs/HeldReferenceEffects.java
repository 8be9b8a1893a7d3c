package io.rustyray.runtime.gcs;

import io.rustyray.protocol.proto.ObjectReference;
import io.rustyray.runtime.references.ReferenceTable;
import org.jboss.logging.Logger;

/** Carries out what the reference table decides: frees objects on their nodes, ends actors. */
final class HeldReferenceEffects implements ReferenceTable.Effects {
  /** The death cause of an actor whose handles were all released, worded as Ray's. */
  static final String OUT_OF_SCOPE =
      "all references to the actor were removed: its handles went out of scope";

  private static final Logger LOG = Logger.getLogger(HeldReferenceEffects.class);

  private final Gcs gcs;

  HeldReferenceEffects(Gcs gcs) {
    this.gcs = gcs;
  }

  @Override
  public void freeObject(ObjectReference object) {
    gcs.nodeClients()
        .freeObject(object.getNodeAddress(), object.getObjectId())
        .whenComplete(
            (done, failure) -> {
              if (failure != null) {
                // A node that is gone took its objects with it; one that is slow frees it with
                // the owner at the latest.
                LOG.debugf(
                    "could not free object %s on %s: %s",
                    object.getObjectId(), object.getNodeAddress(), failure.getMessage());
              }
            });
  }

  @Override
  public void actorOutOfScope(String actorId) {
    gcs.actors().outOfScope(actorId);
  }
}
