package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Checkpoint;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.CheckpointTooLargeException;
import io.rustyray.local.examples.Notes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A durable actor's checkpoint over the size limit fails its call with {@link
 * CheckpointTooLargeException}, and the last checkpoint that fit stays. A test gives local mode a
 * small limit through {@link LocalRuntime#LocalRuntime(int, long)}.
 */
class CheckpointLimitInLocalModeTest {
  private static final Duration RESTART = Duration.ofSeconds(30);

  @AfterEach
  void stop() {
    Rusty.shutdown();
  }

  private static ActorHandle<Notes> durableNotes() {
    return Rusty.actor(Notes::new).setMaxRestarts(1).setCheckpoint(Checkpoint.everyCall()).remote();
  }

  @Test
  void aCheckpointOverTheLimitFailsTheCallAndTheLastOneThatFitStays() {
    Rusty.init(new LocalRuntime(1, 64));
    ActorHandle<Notes> notes = durableNotes();
    notes.task(Notes::add, "short").remote().get();

    assertThatThrownBy(() -> notes.task(Notes::add, "x".repeat(100)).remote().get())
        .isInstanceOf(CheckpointTooLargeException.class)
        .hasMessageStartingWith(
            "io.rustyray.local.examples.Notes.add(String): the checkpoint of actor "
                + notes.getId()
                + " is ")
        .hasMessageContaining("bytes, over the limit of 64 bytes");

    notes.kill(false);
    assertThat(notes.task(Notes::all).remote().get(RESTART)).isEqualTo(List.of("short"));
  }

  @Test
  void whileTheStateIsTooLargeEveryCallFailsAndOneThatShrinksItIsKeptAgain() {
    Rusty.init(new LocalRuntime(1, 64));
    ActorHandle<Notes> notes = durableNotes();
    notes.task(Notes::add, "short").remote().get();
    assertThatThrownBy(() -> notes.task(Notes::add, "x".repeat(100)).remote().get())
        .isInstanceOf(CheckpointTooLargeException.class);

    assertThatThrownBy(() -> notes.task(Notes::all).remote().get())
        .as("the call ran; its change is still in the instance, too large to keep")
        .isInstanceOf(CheckpointTooLargeException.class);
    assertThat(notes.task(Notes::removeLast).remote().get()).isEqualTo(1);
    notes.task(Notes::add, "again").remote().get();

    notes.kill(false);
    assertThat(notes.task(Notes::all).remote().get(RESTART)).isEqualTo(List.of("short", "again"));
  }

  @Test
  void withoutALimitOfItsOwnLocalModeHoldsTheClustersDefaultOf16MiB() {
    Rusty.initLocal();
    ActorHandle<Notes> notes = durableNotes();

    assertThatThrownBy(() -> notes.task(Notes::add, "x".repeat(16 * 1024 * 1024)).remote().get())
        .isInstanceOf(CheckpointTooLargeException.class)
        .hasMessageContaining("over the limit of 16777216 bytes");
  }

  @Test
  void aLimitBelowOneByteIsRefused() {
    assertThatThrownBy(() -> new LocalRuntime(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a checkpoint limit is at least 1 byte, got 0");
  }
}
