package io.rustyray.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rustyray.protocol.proto.JobLogChunk;
import io.rustyray.runtime.gcs.RecordingStream;
import io.rustyray.runtime.gcs.store.InMemoryTestStore;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** StreamJobLogs sends a job's output only as fast as the client reads it. */
class LogStreamTest {
  private final InMemoryTestStore store = new InMemoryTestStore();
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
  private final JobLog log =
      JobLog.create(store, "job-1", JobLog.CHUNK_BYTES, JobLog.DEFAULT_CAP_BYTES);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private static byte[] filled(int length, char c) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) c);
    return bytes;
  }

  private static byte[] sent(RecordingStream<JobLogChunk> stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stream.received.forEach(c -> out.writeBytes(c.getData().toByteArray()));
    return out.toByteArray();
  }

  @Test
  void aClientThatStopsReadingIsSentNothingMoreUntilItReadsAgain() throws Exception {
    byte[] output = filled(10 * JobLog.CHUNK_BYTES, 'x');
    log.append(output);
    RecordingStream<JobLogChunk> slow = new RecordingStream<>();
    slow.readOnly(2);

    new LogStream(slow, false, executor).begin(log, () -> true);

    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> slow.received.size() == 2);
    assertThat(slow.completed).isFalse();
    slow.readAgain();
    await().atMost(Duration.ofSeconds(5)).until(() -> slow.completed);
    assertThat(sent(slow)).isEqualTo(output);
  }

  @Test
  void aFollowerGetsWhatIsAppendedInOrderUntilTheJobEnds() throws Exception {
    AtomicBoolean ended = new AtomicBoolean();
    RecordingStream<JobLogChunk> follower = new RecordingStream<>();
    log.append("first\n".getBytes());

    new LogStream(follower, true, executor).begin(log, ended::get);
    await().atMost(Duration.ofSeconds(5)).until(() -> new String(sent(follower)).equals("first\n"));
    log.append("second\n".getBytes());
    ended.set(true);

    await().atMost(Duration.ofSeconds(5)).until(() -> follower.completed);
    assertThat(new String(sent(follower))).isEqualTo("first\nsecond\n");
  }
}
