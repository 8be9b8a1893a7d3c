package io.rustyray.runtime.node;

import com.google.protobuf.ByteString;
import io.rustyray.protocol.proto.AppendJobLogReply;
import io.rustyray.protocol.proto.AppendJobLogRequest;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.transport.Calls;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends what the workers of submitted jobs print to the head, which adds it to the job's log: a
 * job's output is its driver's and its workers', wherever they ran. Lines are batched for a fifth
 * of a second; output of clients that are not submitted jobs stays in the node's own log.
 */
final class JobLogForwarder {
  private static final long FLUSH_MS = 200;
  private static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;

  private final Supplier<GcsServiceGrpc.GcsServiceStub> gcs;
  private final Map<String, StringBuilder> pending = new HashMap<>();

  JobLogForwarder(Supplier<GcsServiceGrpc.GcsServiceStub> gcs, ScheduledExecutorService timer) {
    this.gcs = gcs;
    timer.scheduleWithFixedDelay(this::flush, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
  }

  synchronized void line(String jobId, String line) {
    if (!jobId.startsWith("job-")) {
      return;
    }
    StringBuilder lines = pending.computeIfAbsent(jobId, id -> new StringBuilder());
    // A worker that prints faster than the head takes it loses lines rather than the node's heap.
    if (lines.length() < MAX_PENDING_BYTES) {
      lines.append(line).append('\n');
    }
  }

  private void flush() {
    Map<String, StringBuilder> batch;
    synchronized (this) {
      if (pending.isEmpty()) {
        return;
      }
      batch = new HashMap<>(pending);
      pending.clear();
    }
    batch.forEach(
        (jobId, lines) ->
            Calls.<AppendJobLogReply>unary(
                o ->
                    gcs.get()
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .appendJobLog(
                            AppendJobLogRequest.newBuilder()
                                .setJobId(jobId)
                                .setData(
                                    ByteString.copyFrom(lines.toString(), StandardCharsets.UTF_8))
                                .build(),
                            o)));
  }
}
