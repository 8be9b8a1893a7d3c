package io.rustyray.runtime.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.StateChange;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The state stream as subscribers see it, fast and slow: in order, and never unbounded. */
class StatePublisherTest {
  private static final int LIMIT = 100;
  private final StatePublisher publisher = new StatePublisher(LIMIT);

  private static StateChange job(int n) {
    return StateChange.newBuilder().setJob(JobInfo.newBuilder().setJobId("job-" + n)).build();
  }

  private static List<String> jobIds(RecordingStream<StateChange> stream) {
    return stream.received.stream().map(c -> c.getJob().getJobId()).toList();
  }

  private static List<String> expected(int from, int to) {
    return IntStream.range(from, to).mapToObj(n -> "job-" + n).toList();
  }

  @Test
  void aFastSubscriberGetsItsSnapshotThenEveryChangeInOrder() {
    RecordingStream<StateChange> fast = new RecordingStream<>();

    publisher.subscribe(fast, List.of(job(0), job(1)));
    IntStream.range(2, 5 * LIMIT).forEach(n -> publisher.jobChanged(job(n).getJob()));

    assertThat(jobIds(fast)).isEqualTo(expected(0, 5 * LIMIT));
    assertThat(fast.received.subList(0, 2)).allMatch(StateChange::getSnapshot);
    assertThat(fast.received.subList(2, 5 * LIMIT)).noneMatch(StateChange::getSnapshot);
    assertThat(publisher.queued()).isZero();
  }

  @Test
  void aSubscriberThatPausesGetsWhatWaitedWhenItReadsAgainStillInOrder() {
    RecordingStream<StateChange> paused = new RecordingStream<>();
    publisher.subscribe(paused, List.of(job(0)));
    paused.stopReading();

    IntStream.range(1, LIMIT).forEach(n -> publisher.jobChanged(job(n).getJob()));
    assertThat(jobIds(paused)).isEqualTo(expected(0, 1));
    paused.readAgain();
    publisher.jobChanged(job(LIMIT).getJob());

    assertThat(jobIds(paused)).isEqualTo(expected(0, LIMIT + 1));
    assertThat(paused.error).isNull();
  }

  @Test
  void aSubscriberThatNeverReadsIsEndedWithResourceExhaustedAndTheHeadKeepsNoQueueForIt() {
    RecordingStream<StateChange> stuck = new RecordingStream<>();
    RecordingStream<StateChange> fast = new RecordingStream<>();
    stuck.stopReading();
    publisher.subscribe(stuck, List.of(job(0), job(1), job(2)));
    publisher.subscribe(fast, List.of());

    for (int n = 0; n < 50 * LIMIT; n++) {
      publisher.jobChanged(job(n).getJob());
      assertThat(publisher.queued()).isLessThanOrEqualTo(3 + LIMIT);
    }

    assertThat(stuck.received).isEmpty();
    assertThat(Status.fromThrowable(stuck.error).getCode())
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(Status.fromThrowable(stuck.error).getDescription()).contains("subscribe again");
    assertThat(publisher.subscribers()).isEqualTo(1);
    assertThat(publisher.queued()).isZero();
    assertThat(jobIds(fast)).isEqualTo(expected(0, 50 * LIMIT));
  }

  @Test
  void aSnapshotLargerThanTheQueueLimitIsStillSentWhole() {
    RecordingStream<StateChange> slow = new RecordingStream<>();
    slow.stopReading();

    publisher.subscribe(slow, IntStream.range(0, 3 * LIMIT).mapToObj(n -> job(n)).toList());
    slow.readAgain();

    assertThat(jobIds(slow)).isEqualTo(expected(0, 3 * LIMIT));
    assertThat(slow.error).isNull();
  }

  @Test
  void aSubscriberThatHungUpIsDroppedAtTheNextChange() {
    RecordingStream<StateChange> gone = new RecordingStream<>();
    publisher.subscribe(gone, List.of());
    gone.cancel();

    publisher.jobChanged(job(1).getJob());

    assertThat(publisher.subscribers()).isZero();
    assertThat(gone.received).isEmpty();
  }
}
