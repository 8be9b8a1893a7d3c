package io.rustyray.runtime.references;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.protocol.proto.HeldObject;
import io.rustyray.protocol.proto.ObjectReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The head's counting of who holds shared objects and actor handles. */
class ReferenceTableTest {
  private final List<String> freed = new ArrayList<>();
  private final List<String> outOfScope = new ArrayList<>();
  private final ReferenceTable table =
      new ReferenceTable(
          new ReferenceTable.Effects() {
            @Override
            public void freeObject(ObjectReference object) {
              freed.add(object.getObjectId());
            }

            @Override
            public void actorOutOfScope(String actorId) {
              outOfScope.add(actorId);
            }
          });

  private static HeldObject object(String id, String owner) {
    return object(id, owner, "");
  }

  private static HeldObject object(String id, String owner, String containedHolder) {
    return HeldObject.newBuilder()
        .setObject(ObjectReference.newBuilder().setObjectId(id).setNodeAddress("127.0.0.1:1"))
        .setOwnerId(owner)
        .setContainedHolder(containedHolder)
        .build();
  }

  @Test
  void anObjectIsFreedOnlyOnceItsOwnerAndEveryBorrowerReleasedIt() {
    table.hold("driver", List.of(object("o1", "driver")), List.of());
    table.hold("worker-a", List.of(object("o1", "driver")), List.of());
    table.hold("worker-b", List.of(object("o1", "driver")), List.of());

    table.release("driver", List.of("o1"), List.of());
    table.release("worker-a", List.of("o1"), List.of());
    assertThat(freed).isEmpty();
    assertThat(table.holders("o1")).isEqualTo(1);

    table.release("worker-b", List.of("o1"), List.of());
    assertThat(freed).containsExactly("o1");
  }

  @Test
  void theOrderOfReleasesDoesNotMatterAndAReleaseTwiceFreesOnce() {
    table.hold("driver", List.of(object("o1", "driver")), List.of());
    table.hold("borrower", List.of(object("o1", "driver")), List.of());

    table.release("borrower", List.of("o1"), List.of());
    table.release("borrower", List.of("o1"), List.of());
    assertThat(freed).isEmpty();
    table.release("driver", List.of("o1"), List.of());
    table.release("driver", List.of("o1"), List.of());

    assertThat(freed).containsExactly("o1");
  }

  @Test
  void aReferenceInsideAStoredObjectIsHeldUntilTheOuterObjectIsFreed() {
    table.hold("driver", List.of(object("inner", "driver")), List.of());
    table.hold("driver/in:outer", List.of(object("inner", "driver")), List.of());
    table.hold("driver", List.of(object("outer", "driver", "driver/in:outer")), List.of());
    table.hold("borrower", List.of(object("outer", "driver")), List.of());

    table.release("driver", List.of("inner", "outer"), List.of());
    assertThat(freed).isEmpty();

    table.release("borrower", List.of("outer"), List.of());
    assertThat(freed).containsExactly("outer", "inner");
  }

  @Test
  void aResultsHolderReleasedAllAtOnceFreesWhatOnlyItHeld() {
    table.hold("driver/in:task-1", List.of(object("a", "w"), object("b", "w")), List.of());
    table.hold("driver", List.of(object("b", "w")), List.of());

    table.releaseAll("driver/in:task-1");

    assertThat(freed).containsExactly("a");
  }

  @Test
  void aBorrowerThatExitsReleasesWhatItAndItsValuesHeld() {
    table.hold("driver", List.of(object("o1", "driver")), List.of());
    table.hold("worker", List.of(object("o1", "driver")), List.of());
    table.hold("worker/in:r", List.of(object("o2", "driver")), List.of());
    table.release("driver", List.of("o1"), List.of());

    table.processExited("worker");

    assertThat(freed).containsExactlyInAnyOrder("o1", "o2");
  }

  @Test
  void anOwnerThatExitsTakesItsObjectsWithItForEveryBorrower() {
    table.hold("driver", List.of(object("o1", "driver")), List.of());
    table.hold("worker", List.of(object("o1", "driver")), List.of());

    table.processExited("driver");

    // The nodes free an exited owner's objects themselves; the table only forgets them.
    assertThat(table.holders("o1")).isZero();
    table.release("worker", List.of("o1"), List.of());
    assertThat(freed).isEmpty();
  }

  @Test
  void anActorGoesOutOfScopeOnceEveryProcessReleasedItsHandles() {
    table.trackActor("a1", "driver");
    table.hold("worker", List.of(), List.of("a1"));

    table.release("driver", List.of(), List.of("a1"));
    assertThat(outOfScope).isEmpty();
    table.processExited("worker");

    assertThat(outOfScope).containsExactly("a1");
    assertThat(table.tracks("a1")).isFalse();
  }

  @Test
  void handlesToAnActorThatIsNotTrackedAreIgnored() {
    table.hold("worker", List.of(), List.of("named"));
    table.release("worker", List.of(), List.of("named"));

    assertThat(outOfScope).isEmpty();
    assertThat(table.tracks("named")).isFalse();
  }
}
