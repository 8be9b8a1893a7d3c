package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Checkpoint;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.local.examples.Account;
import io.rustyray.local.examples.CheckpointProbe;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.DurableCounter;
import io.rustyray.local.examples.Guestbook;
import io.rustyray.local.examples.Probes;
import io.rustyray.local.examples.Vault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Durable actors: a {@code Checkpointable} actor's state is taken as its policy says and kept in
 * memory, and an instance that {@code kill(false)} restarts gets the newest one before any call.
 */
class DurableActorsInLocalModeTest extends LocalModeTest {
  private static final Duration RESTART = Duration.ofSeconds(30);

  @BeforeEach
  void forgetEarlierSaves() {
    CheckpointProbe.reset();
  }

  private static ActorHandle<DurableCounter> durableCounter(int initial, Checkpoint policy) {
    return Rusty.actor(DurableCounter::new, initial)
        .setMaxRestarts(2)
        .setCheckpoint(policy)
        .remote();
  }

  @Test
  void withEveryCallTheStateSurvivesKillFalse() {
    ActorHandle<DurableCounter> counter = durableCounter(10, Checkpoint.everyCall());
    assertThat(counter.task(DurableCounter::add, 5).remote().get()).isEqualTo(15);

    counter.kill(false);

    assertThat(counter.task(DurableCounter::get).remote().get(RESTART)).isEqualTo(15);
  }

  @Test
  void withEveryCallTheStateIsKeptBeforeTheCallsResultIsDelivered() {
    ActorHandle<DurableCounter> counter = durableCounter(0, Checkpoint.everyCall());

    counter.task(DurableCounter::increment).remote().get();
    counter.task(DurableCounter::add, 2).remote().get();

    assertThat(CheckpointProbe.saves()).as("taken before each reply came").containsExactly(1, 3);
  }

  @Test
  void aRestoredInstanceKeepsCheckpointingSoASecondRestartResumesFromItsState() {
    ActorHandle<DurableCounter> counter = durableCounter(0, Checkpoint.everyCall());
    counter.task(DurableCounter::add, 5).remote().get();
    counter.kill(false);
    assertThat(counter.task(DurableCounter::add, 2).remote().get(RESTART)).isEqualTo(7);

    counter.kill(false);

    assertThat(counter.task(DurableCounter::get).remote().get(RESTART)).isEqualTo(7);
  }

  @Test
  void aRestartedInstanceGetsItsStateBeforeAnyCallRunsAndSeesItselfRestarted() {
    ActorHandle<DurableCounter> counter = durableCounter(0, Checkpoint.everyCall());
    counter.task(DurableCounter::add, 3).remote().get();

    counter.kill(false);
    ObjectRef<Integer> firstCall = counter.task(DurableCounter::get).remote();

    assertThat(firstCall.get(RESTART)).isEqualTo(3);
    assertThat(counter.task(DurableCounter::loadedAs).remote().get())
        .as("loadCheckpoint runs as code of the restarted actor")
        .isEqualTo(counter.getId() + "|true");
  }

  @Test
  void aCallRunningWhenKillFalseComesIsKeptForTheNewInstance() throws Exception {
    Probes.reset(1);
    ActorHandle<DurableCounter> counter = durableCounter(1, Checkpoint.everyCall());
    ObjectRef<Integer> running = counter.task(DurableCounter::addBehindGate, 4).remote();
    assertThat(Probes.awaitStarted(30)).as("the call runs").isTrue();

    counter.kill(false);
    Probes.openGate();

    assertThat(running.get(RESTART)).isEqualTo(5);
    assertThat(counter.task(DurableCounter::get).remote().get(RESTART)).isEqualTo(5);
  }

  @Test
  void aRestartBeforeAnyCheckpointRunsTheConstructorOnly() {
    ActorHandle<DurableCounter> counter = durableCounter(10, Checkpoint.everyCall());

    counter.kill(false);

    assertThat(counter.task(DurableCounter::get).remote().get(RESTART)).isEqualTo(10);
    assertThat(counter.task(DurableCounter::loadedAs).remote().get())
        .as("loadCheckpoint never ran")
        .isEmpty();
  }

  @Test
  void anIntervalPolicyKeepsTheLastCallsOfABurstOnceCallsStop() throws Exception {
    ActorHandle<DurableCounter> counter =
        durableCounter(0, Checkpoint.every(Duration.ofMillis(300)));
    for (int i = 0; i < 10; i++) {
      counter.task(DurableCounter::increment).remote().get();
    }

    assertThat(CheckpointProbe.awaitSaved(10, Duration.ofSeconds(10)))
        .as("the interval's timer keeps the newest state with no further call")
        .isTrue();
    assertThat(CheckpointProbe.saves()).as("at most one per interval").hasSizeLessThan(10);

    counter.kill(false);
    assertThat(counter.task(DurableCounter::get).remote().get(RESTART)).isEqualTo(10);
  }

  @Test
  void anIntervalPolicyDoesNotKeepEachCallSoARestartWithinTheFirstIntervalStartsOver() {
    ActorHandle<DurableCounter> counter = durableCounter(10, Checkpoint.every(Duration.ofHours(1)));
    for (int i = 0; i < 5; i++) {
      counter.task(DurableCounter::increment).remote().get();
    }
    assertThat(CheckpointProbe.saves()).isEmpty();

    counter.kill(false);

    assertThat(counter.task(DurableCounter::get).remote().get(RESTART)).isEqualTo(10);
    assertThat(counter.task(DurableCounter::loadedAs).remote().get()).isEmpty();
  }

  @Test
  void aSaveCheckpointThatThrowsFailsTheCallWithRustyTaskExceptionAndTheLastGoodCheckpointStays() {
    ActorHandle<DurableCounter> counter = durableCounter(0, Checkpoint.everyCall());
    counter.task(DurableCounter::add, 5).remote().get();

    ObjectRef<Integer> breaking = counter.task(DurableCounter::breakSaving, "disk full").remote();
    ObjectRef<Integer> afterwards = counter.task(DurableCounter::add, 1).remote();

    assertThatThrownBy(breaking::get)
        .isInstanceOfSatisfying(
            RustyTaskException.class,
            e -> {
              assertThat(e.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
              assertThat(e.getRemoteMessage()).isEqualTo("disk full");
              assertThat(e.getRemoteStackTrace()).contains("DurableCounter.saveCheckpoint(");
              assertThat(e.getMessage())
                  .startsWith(
                      "io.rustyray.local.examples.DurableCounter.breakSaving(String) threw"
                          + " java.lang.IllegalStateException: disk full");
            });
    assertThatThrownBy(afterwards::get)
        .isInstanceOf(RustyTaskException.class)
        .hasMessageContaining("disk full");

    counter.kill(false);
    assertThat(counter.task(DurableCounter::get).remote().get(RESTART))
        .as("the last checkpoint that was taken")
        .isEqualTo(5);
  }

  @Test
  void aCallThatThrowsFailsWithItsOwnExceptionAndTheStateItLeftIsKeptToo() {
    ActorHandle<DurableCounter> counter = durableCounter(0, Checkpoint.everyCall());

    ObjectRef<Integer> failing = counter.task(DurableCounter::addThenFail, 3, "half done").remote();

    assertThatThrownBy(failing::get)
        .isInstanceOfSatisfying(
            RustyTaskException.class, e -> assertThat(e.getRemoteMessage()).isEqualTo("half done"));
    assertThat(CheckpointProbe.saves()).containsExactly(3);
    counter.kill(false);
    assertThat(counter.task(DurableCounter::get).remote().get(RESTART)).isEqualTo(3);
  }

  @Test
  void aLoadCheckpointThatThrowsFailsTheRestartAndTheActorIsDeadWithItsCause() {
    ActorHandle<DurableCounter> counter = durableCounter(0, Checkpoint.everyCall());
    counter.task(DurableCounter::add, -5).remote().get();

    counter.kill(false);

    String node = Rusty.getRuntimeContext().nodeId();
    assertThatThrownBy(() -> counter.task(DurableCounter::get).remote().get(RESTART))
        .isInstanceOfSatisfying(
            ActorDiedException.class,
            e ->
                assertThat(e.getDeathCause())
                    .isEqualTo(
                        "creation failed on node "
                            + node
                            + ": loadCheckpoint of io.rustyray.local.examples.DurableCounter threw"
                            + " java.lang.IllegalArgumentException: a counter starts at 0 or more,"
                            + " not -5"));
  }

  @Test
  void setCheckpointOnAClassThatIsNotCheckpointableFailsItsCreation() {
    ActorHandle<Counter> counter =
        Rusty.actor(Counter::new, 0).setCheckpoint(Checkpoint.everyCall()).remote();

    assertThatThrownBy(() -> counter.task(Counter::get).remote().get(RESTART))
        .isInstanceOfSatisfying(
            ActorDiedException.class,
            e ->
                assertThat(e.getDeathCause())
                    .startsWith("creation failed on node ")
                    .contains(
                        "io.rustyray.local.examples.Counter does not implement"
                            + " io.rustyray.api.Checkpointable"));
  }

  @Test
  void aRecordStateReadsBackAsTheRecordTheClassDeclares() {
    ActorHandle<Account> account =
        Rusty.actor(Account::new, "ada")
            .setMaxRestarts(1)
            .setCheckpoint(Checkpoint.everyCall())
            .remote();
    account.task(Account::deposit, 250L).remote().get();
    account.task(Account::deposit, 100L).remote().get();

    account.kill(false);

    assertThat(account.task(Account::balance).remote().get(RESTART))
        .isEqualTo(new Account.Balance("ada", 350));
    assertThat(account.task(Account::loadedType).remote().get())
        .isEqualTo(Account.Balance.class.getName());
  }

  @Test
  void aGenericCollectionStateReadsBackWithItsElementTypes() {
    ActorHandle<Guestbook> book =
        Rusty.actor(Guestbook::new)
            .setMaxRestarts(1)
            .setCheckpoint(Checkpoint.everyCall())
            .remote();
    book.task(Guestbook::sign, "mon", "ada", 12).remote().get();
    book.task(Guestbook::sign, "mon", "bob", 14).remote().get();
    book.task(Guestbook::sign, "tue", "cy", 3).remote().get();

    book.kill(false);

    assertThat(book.task(Guestbook::guestsOn, "mon").remote().get(RESTART))
        .as("read as Visit records, not as maps")
        .isEqualTo(List.of("ada", "bob"));
    assertThat(book.task(Guestbook::guestsOn, "tue").remote().get()).isEqualTo(List.of("cy"));
  }

  @Test
  void aStateTypeJacksonCannotReadBackFailsTheRestartVisibly() {
    ActorHandle<Vault> vault =
        Rusty.actor(Vault::new).setMaxRestarts(1).setCheckpoint(Checkpoint.everyCall()).remote();
    vault.task(Vault::set, "1234").remote().get();

    vault.kill(false);

    assertThatThrownBy(() -> vault.task(Vault::set, "5678").remote().get(RESTART))
        .isInstanceOfSatisfying(
            ActorDiedException.class,
            e ->
                assertThat(e.getDeathCause())
                    .contains("the checkpoint of actor " + vault.getId() + " does not read as")
                    .contains(
                        "Cannot construct instance of `io.rustyray.local.examples.Vault$Secret`"));
  }
}
