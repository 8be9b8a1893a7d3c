package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.HeldObject;
import io.rustyray.protocol.proto.HoldReferencesReply;
import io.rustyray.protocol.proto.HoldReferencesRequest;
import io.rustyray.protocol.proto.ReleaseReferencesReply;
import io.rustyray.protocol.proto.ReleaseReferencesRequest;

/** The head's RPCs for nested references and actor handle lifetimes. */
final class HeldReferences {
  private static final int MAX_ID_LENGTH = 512;

  private final Gcs gcs;

  HeldReferences(Gcs gcs) {
    this.gcs = gcs;
  }

  void hold(HoldReferencesRequest request, StreamObserver<HoldReferencesReply> out) {
    String invalid = holderInvalid(request.getHolderId());
    for (HeldObject object : request.getObjectsList()) {
      if (invalid == null
          && (object.getObject().getObjectId().isEmpty()
              || object.getObject().getNodeAddress().isEmpty())) {
        invalid = "a held object needs its object id and the address of the node that stores it";
      }
    }
    if (invalid != null) {
      out.onError(Status.INVALID_ARGUMENT.withDescription(invalid).asException());
      return;
    }
    synchronized (gcs.lock()) {
      gcs.references()
          .hold(request.getHolderId(), request.getObjectsList(), request.getActorIdsList());
    }
    out.onNext(HoldReferencesReply.getDefaultInstance());
    out.onCompleted();
  }

  void release(ReleaseReferencesRequest request, StreamObserver<ReleaseReferencesReply> out) {
    String invalid = holderInvalid(request.getHolderId());
    if (invalid != null) {
      out.onError(Status.INVALID_ARGUMENT.withDescription(invalid).asException());
      return;
    }
    synchronized (gcs.lock()) {
      if (request.getAll()) {
        gcs.references().releaseAll(request.getHolderId());
      } else {
        gcs.references()
            .release(request.getHolderId(), request.getObjectIdsList(), request.getActorIdsList());
      }
    }
    if (request.getAll() || request.getActorIdsCount() > 0) {
      // An actor that ended gave its resources back.
      gcs.resourcesFreed();
    }
    out.onNext(ReleaseReferencesReply.getDefaultInstance());
    out.onCompleted();
  }

  /**
   * Called under the lock once an actor was created: counts its handles if it can go out of scope.
   */
  void actorCreated(CreateActorRequest request) {
    if (!request.getHandleHolder().isEmpty()
        && request.getSpec().getName().isEmpty()
        && !request.getSpec().getDetached()) {
      gcs.references().trackActor(request.getActorId(), request.getHandleHolder());
    }
  }

  private static String holderInvalid(String holder) {
    if (holder.isEmpty()) {
      return "give the holder's id";
    }
    if (holder.length() > MAX_ID_LENGTH) {
      return "a holder id is at most " + MAX_ID_LENGTH + " characters";
    }
    return null;
  }
}
