package io.rustyray.runtime.gcs;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The client's end of a server call, in memory: keeps every message the head sends on it. */
final class RecordingStream<T> extends ServerCallStreamObserver<T> {
  final List<T> received = new CopyOnWriteArrayList<>();
  volatile Throwable error;
  volatile boolean completed;
  private volatile boolean cancelled;
  private volatile Runnable onCancel = () -> {};

  /** The client hangs up, as a process that exits does; the server hears of it, as in gRPC. */
  void cancel() {
    cancelled = true;
    onCancel.run();
  }

  @Override
  public void onNext(T value) {
    received.add(value);
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
    return true;
  }

  @Override
  public void setOnReadyHandler(Runnable onReadyHandler) {}

  @Override
  public void request(int count) {}

  @Override
  public void setMessageCompression(boolean enable) {}

  @Override
  public void disableAutoInboundFlowControl() {}
}
