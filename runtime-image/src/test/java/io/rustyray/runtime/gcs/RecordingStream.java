package io.rustyray.runtime.gcs;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client's end of a server call, in memory: keeps every message the head sends on it. It can
 * stop reading, as a slow client does: then it is not ready (gRPC's flow control) until it reads
 * again.
 */
public final class RecordingStream<T> extends ServerCallStreamObserver<T> {
  public final List<T> received = new CopyOnWriteArrayList<>();
  public volatile Throwable error;
  public volatile boolean completed;
  private volatile boolean cancelled;
  private volatile Runnable onCancel = () -> {};
  private volatile boolean ready = true;
  private volatile Runnable onReady = () -> {};

  private volatile int readLimit = Integer.MAX_VALUE;

  /** The client reads {@code count} messages more, then stops reading. */
  public void readOnly(int count) {
    readLimit = received.size() + count;
  }

  /** The client stops reading: the server's sends wait. */
  public void stopReading() {
    ready = false;
  }

  /** The client reads again; gRPC tells the server it is ready. */
  public void readAgain() {
    readLimit = Integer.MAX_VALUE;
    ready = true;
    onReady.run();
  }

  /** The client hangs up, as a process that exits does. */
  public void cancel() {
    cancelled = true;
    onCancel.run();
  }

  @Override
  public void onNext(T value) {
    received.add(value);
    if (received.size() >= readLimit) {
      ready = false;
    }
  }

  @Override
  public void onError(Throwable t) {
    error = t;
  }

  @Override
  public void onCompleted() {
    completed = true;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void setOnCancelHandler(Runnable onCancelHandler) {
    onCancel = onCancelHandler;
  }

  @Override
  public void setCompression(String compression) {}

  @Override
  public boolean isReady() {
    return ready && !cancelled;
  }

  @Override
  public void setOnReadyHandler(Runnable onReadyHandler) {
    onReady = onReadyHandler;
  }

  @Override
  public void request(int count) {}

  @Override
  public void setMessageCompression(boolean enable) {}

  @Override
  public void disableAutoInboundFlowControl() {}
}
