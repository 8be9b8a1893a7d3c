package io.rustyray.runtime.jobs;

import static org.awaitility.Awaitility.await;

import io.grpc.StatusException;
import io.rustyray.protocol.proto.JobInfo;
import io.rustyray.protocol.proto.JobLogChunk;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.protocol.proto.SubmitJobRequest;
import io.rustyray.runtime.gcs.RecordingStream;
import io.rustyray.runtime.gcs.store.GcsStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A job manager as a head has one, with its store and folder, and what its listener heard. */
final class TestingJobs implements AutoCloseable {
  final JobManager manager;
  final List<JobInfo> changes = new CopyOnWriteArrayList<>();
  final List<String> ended = new CopyOnWriteArrayList<>();

  TestingJobs(Path dir, GcsStore store, JobLimits limits) {
    manager = new JobManager(dir, "head:6379", "", store, limits, ended::add, changes::add);
  }

  TestingJobs(Path dir, GcsStore store) {
    this(dir, store, JobLimits.DEFAULT);
  }

  static SubmitJobRequest.Builder job(Class<?> main, String... args) {
    return SubmitJobRequest.newBuilder().setMainClass(main.getName()).addAllArgs(List.of(args));
  }

  static JobInfo info(String jobId, JobStatus status, long startMs, long endMs) {
    return JobInfo.newBuilder()
        .setJobId(jobId)
        .setStatus(status)
        .setMainClass("demo.Main")
        .setStartTimeMs(startMs)
        .setEndTimeMs(endMs)
        .build();
  }

  static JobTable.Stored stored(JobInfo info) {
    return new JobTable.Stored(info, List.of(), java.util.Map.of(), List.of());
  }

  JobInfo submit(SubmitJobRequest.Builder request) throws StatusException {
    return manager.submit(request.build());
  }

  JobInfo awaitEnd(String jobId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> JobRecord.finished(manager.get(jobId)));
    // The end is published after it is recorded; the job leaves memory after that.
    await().atMost(Duration.ofSeconds(5)).until(() -> ended.contains(jobId));
    try {
      return manager.get(jobId);
    } catch (StatusException e) {
      throw new AssertionError(e);
    }
  }

  /** The job's output as StreamJobLogs sends it. */
  String output(String jobId) {
    RecordingStream<JobLogChunk> stream = new RecordingStream<>();
    manager.streamLogs(jobId, false, stream);
    await().atMost(Duration.ofSeconds(10)).until(() -> stream.completed || stream.error != null);
    if (stream.error != null) {
      throw new AssertionError(stream.error);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stream.received.forEach(c -> out.writeBytes(c.getData().toByteArray()));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    manager.close();
  }
}
