package io.rustyray.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rustyray.api.exception.CheckpointTooLargeException;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.protocol.proto.RemoteError;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what the wire reports into the SDK's exceptions. */
public final class Errors {
  private Errors() {}

  /**
   * @param failure what a call or future failed with
   * @return the SDK exception that says it best
   */
  public static RustyException toRusty(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof RustyException r) {
      return r;
    }
    if (t instanceof StatusRuntimeException s) {
      Status status = s.getStatus();
      String description =
          status.getDescription() != null
              ? status.getDescription()
              : status.getCause() != null ? status.getCause().toString() : "no description";
      return new RustyCallException(status.getCode().name(), description, t);
    }
    return new RustyException(t.toString(), t);
  }

  /**
   * @param function the function that threw, in readable form
   * @param error what it threw
   * @return the exception that {@code get()} raises
   */
  public static RustyException taskFailed(String function, RemoteError error) {
    if (error.getClassName().equals(CheckpointTooLargeException.class.getName())) {
      return new CheckpointTooLargeException(function + ": " + error.getMessage());
    }
    return new RustyTaskException(
        function, error.getClassName(), error.getMessage(), error.getStackTrace());
  }

  /**
   * @param function the task's function, in readable form
   * @param failure why the head could not deliver the task's result
   * @return {@link ObjectLostException} when the result can no longer be produced (its node died
   *     with no retries left, or the head is gone), else what {@link #toRusty} says
   */
  public static RustyException taskLost(String function, Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof StatusRuntimeException s
        && (s.getStatus().getCode() == Status.Code.ABORTED
            || s.getStatus().getCode() == Status.Code.UNAVAILABLE)) {
      return new ObjectLostException(
          "the result of " + function + " is lost: " + s.getStatus().getDescription(), t);
    }
    return toRusty(t);
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
