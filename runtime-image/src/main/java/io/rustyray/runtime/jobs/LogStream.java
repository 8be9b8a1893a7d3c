package io.rustyray.runtime.jobs;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.rustyray.protocol.proto.JobLogChunk;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One StreamJobLogs call: sends a job's output, and with {@code follow} what comes until the job
 * ends, only as fast as the client reads (gRPC's flow control): at most one read's worth of bytes
 * waits here per call, however slow the client.
 */
final class LogStream {
  private static final int READ_BYTES = 4 * JobLog.CHUNK_BYTES;
  private static final long POLL_MS = 200;

  private final ServerCallStreamObserver<JobLogChunk> out;
  private final boolean follow;
  private final ScheduledExecutorService executor;
  private JobLog log;
  private BooleanSupplier ended;
  private long position;
  private byte[] pending = new byte[0];
  private int sent;
  private boolean done;
  private boolean pollScheduled;

  /** Must be made in the call's handler: gRPC takes the on-ready handler there only. */
  LogStream(
      ServerCallStreamObserver<JobLogChunk> out,
      boolean follow,
      ScheduledExecutorService executor) {
    this.out = out;
    this.follow = follow;
    this.executor = executor;
    out.setOnReadyHandler(() -> executor.execute(this::pump));
  }

  /**
   * Starts sending.
   *
   * @param log the job's output
   * @param ended whether the job has ended: then nothing more comes, and a follower is done
   */
  synchronized void begin(JobLog log, BooleanSupplier ended) {
    this.log = log;
    this.ended = ended;
    executor.execute(this::pump);
  }

  synchronized void fail(Status status) {
    done = true;
    out.onError(status.asException());
  }

  private synchronized void pump() {
    if (done || log == null) {
      return;
    }
    if (out.isCancelled()) {
      done = true;
      return;
    }
    try {
      while (out.isReady()) {
        if (sent == pending.length) {
          // Asked before reading: output written before the job ended is then read too.
          boolean over = !follow || ended.getAsBoolean();
          JobLog.Slice slice = log.read(position, READ_BYTES);
          if (slice.data().length == 0) {
            if (over) {
              done = true;
              out.onCompleted();
            } else {
              pollLater();
            }
            return;
          }
          pending = slice.data();
          sent = 0;
          position = slice.position() + pending.length;
        }
        int n = Math.min(JobLog.CHUNK_BYTES, pending.length - sent);
        out.onNext(JobLogChunk.newBuilder().setData(ByteString.copyFrom(pending, sent, n)).build());
        sent += n;
      }
      // Not ready: gRPC calls the on-ready handler when the client has read enough.
    } catch (StoreUnavailableException e) {
      done = true;
      out.onError(
          Status.UNAVAILABLE
              .withDescription("cannot read the job's output from the store: " + e.getMessage())
              .asException());
    } catch (RuntimeException e) {
      // The call is gone (cancelled while sending).
      done = true;
    }
  }

  private void pollLater() {
    if (!pollScheduled) {
      pollScheduled = true;
      executor.schedule(
          () -> {
            synchronized (this) {
              pollScheduled = false;
            }
            pump();
          },
          POLL_MS,
          TimeUnit.MILLISECONDS);
    }
  }
}
