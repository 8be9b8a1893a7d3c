package io.rustyray.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.runtime.gcs.store.InMemoryTestStore;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A job's output in the store: capped to its newest bytes, cheap to append to, read back whole. */
class JobLogTest {
  private static final int CHUNK = 16;
  private static final long CAP = 64;
  private final InMemoryTestStore store = new InMemoryTestStore();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Everything the log has from {@code from} on, read as a streaming client would. */
  private static String readAll(JobLog log, long from) throws StoreUnavailableException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long position = from;
    while (true) {
      JobLog.Slice slice = log.read(position, 10);
      if (slice.data().length == 0) {
        return out.toString(StandardCharsets.UTF_8);
      }
      out.writeBytes(slice.data());
      position = slice.position() + slice.data().length;
    }
  }

  @Test
  void whatIsAppendedReadsBackInOrderAcrossChunks() throws Exception {
    JobLog log = JobLog.create(store, "job-1", CHUNK, CAP);

    log.append(bytes("line one\n"));
    log.append(bytes("line two, longer than a chunk\n"));
    log.append(bytes("3\n"));

    assertThat(readAll(log, 0)).isEqualTo("line one\nline two, longer than a chunk\n3\n");
    assertThat(log.end()).isEqualTo(41);
  }

  @Test
  void appendingALineRewritesOnlyTheLastChunkNotTheWholeOutput() throws Exception {
    JobLog log = JobLog.create(store, "job-1", CHUNK, CAP);

    for (int i = 0; i < 1000; i++) {
      long before = store.bytesWritten();
      log.append(bytes("x\n"));
      assertThat(store.bytesWritten() - before).isLessThanOrEqualTo(CHUNK);
    }
  }

  @Test
  void theOutputIsCappedToItsNewestBytesAndTheStoreHoldsNoMore() throws Exception {
    JobLog log = JobLog.create(store, "job-1", CHUNK, CAP);

    for (int i = 0; i < 100; i++) {
      log.append(bytes(String.format("%03d\n", i)));
    }

    String kept = readAll(log, 0);
    assertThat(kept).endsWith("098\n099\n");
    assertThat((long) kept.length()).isBetween(CAP - CHUNK, CAP);
    assertThat(log.start()).isEqualTo(log.end() - kept.length());
    assertThat(store.load(JobLog.table("job-1")).values().stream().mapToInt(b -> b.length).sum())
        .isEqualTo(kept.length());
  }

  @Test
  void aReaderBehindTheTrimmedBytesGoesOnFromTheOldestKept() throws Exception {
    JobLog log = JobLog.create(store, "job-1", CHUNK, CAP);
    for (int i = 0; i < 100; i++) {
      log.append(bytes(String.format("%03d\n", i)));
    }

    JobLog.Slice slice = log.read(0, 4);

    assertThat(slice.position()).isEqualTo(log.start());
    assertThat(new String(slice.data(), StandardCharsets.UTF_8)).matches("\\d{3}\n");
  }

  @Test
  void aLogOpenedFromTheStoreByALaterHeadHasTheSameBytesAndTakesMore() throws Exception {
    JobLog first = JobLog.create(store, "job-1", CHUNK, CAP);
    first.append(bytes("before the restart, more than one chunk\n"));

    JobLog reopened = JobLog.open(store, "job-1", CHUNK, CAP);
    reopened.append(bytes("after\n"));

    assertThat(readAll(reopened, 0)).isEqualTo("before the restart, more than one chunk\nafter\n");
    assertThat(readAll(JobLog.open(store, "job-1", CHUNK, CAP), 0))
        .isEqualTo("before the restart, more than one chunk\nafter\n");
  }

  @Test
  void aReleasedLogReadsItsLastChunkFromTheStore() throws Exception {
    JobLog log = JobLog.create(store, "job-1", CHUNK, CAP);
    log.append(bytes("the end of the job\n"));

    log.release();

    assertThat(readAll(log, 0)).isEqualTo("the end of the job\n");
    assertThat(log.lastLines(1)).isEqualTo("the end of the job");
  }

  @Test
  void anAppendTheStoreRefusesFailsAndLeavesWhatWasKept() throws Exception {
    JobLog log = JobLog.create(store, "job-1", CHUNK, CAP);
    log.append(bytes("kept\n"));
    store.failWrites(true);

    assertThatThrownBy(() -> log.append(bytes("lost\n")))
        .isInstanceOf(StoreUnavailableException.class);
    store.failWrites(false);

    assertThat(readAll(log, 0)).isEqualTo("kept\n");
    assertThat(readAll(JobLog.open(store, "job-1", CHUNK, CAP), 0)).isEqualTo("kept\n");
  }

  @Test
  void deletingAJobsOutputEmptiesItsTable() throws Exception {
    JobLog log = JobLog.create(store, "job-1", CHUNK, CAP);
    log.append(bytes("some output that spans chunks\n"));

    JobLog.delete(store, "job-1");

    assertThat(store.load(JobLog.table("job-1"))).isEmpty();
  }
}
