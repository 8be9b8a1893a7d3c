package io.rustyray.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.protocol.proto.CheckpointPolicy;
import org.junit.jupiter.api.Test;

/** When a durable actor's next checkpoint is due, and what it includes. */
class CheckpointScheduleTest {
  @Test
  void everyCallMakesACheckpointDueAfterEachCallCountingFromTheRestoredOne() {
    CheckpointSchedule schedule =
        new CheckpointSchedule(CheckpointPolicy.newBuilder().setEveryCall(true).build(), 41);

    assertThat(schedule.callFinished()).isEqualTo(42);
    assertThat(schedule.callFinished()).isEqualTo(43);
  }

  @Test
  void anIntervalMakesNoCheckpointDueBeforeItIsOverButLeavesTheCallsPending() {
    CheckpointSchedule schedule =
        new CheckpointSchedule(CheckpointPolicy.newBuilder().setIntervalMs(3_600_000).build(), 0);

    assertThat(schedule.callFinished()).isEqualTo(-1);
    assertThat(schedule.callFinished()).isEqualTo(-1);
    assertThat(schedule.pending()).as("a timer's turn keeps them").isEqualTo(2);

    schedule.kept(2);
    assertThat(schedule.pending()).as("nothing new since").isEqualTo(-1);
  }

  @Test
  void anIntervalThatIsOverMakesTheNextCallsCheckpointDue() throws InterruptedException {
    CheckpointSchedule schedule =
        new CheckpointSchedule(CheckpointPolicy.newBuilder().setIntervalMs(20).build(), 0);
    Thread.sleep(30);

    assertThat(schedule.callFinished()).isEqualTo(1);
  }

  @Test
  void anOlderKeptCheckpointNeverMovesTheMarkBack() {
    CheckpointSchedule schedule =
        new CheckpointSchedule(CheckpointPolicy.newBuilder().setIntervalMs(3_600_000).build(), 0);
    schedule.callFinished();
    schedule.callFinished();
    schedule.kept(2);
    schedule.kept(1);

    assertThat(schedule.pending()).isEqualTo(-1);
  }
}
