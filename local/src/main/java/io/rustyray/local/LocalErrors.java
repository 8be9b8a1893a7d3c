package io.rustyray.local;

import io.rustyray.api.exception.CheckpointTooLargeException;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.protocol.checkpoint.CheckpointTooLarge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Builds the SDK exceptions exactly as the cluster client does from what the wire reports, so a
 * test that asserts on an exception's type, code or message holds in both modes.
 */
final class LocalErrors {
  private LocalErrors() {}

  /**
   * @param failure what a future failed with
   * @return the SDK exception inside it, or one wrapping it (as the cluster client's {@code
   *     Errors.toRusty} does)
   */
  static RustyException toRusty(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof RustyException r) {
      return r;
    }
    return new RustyException(t.toString(), t);
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * What the node sends back when user code throws: class, message and stack as text. The stack is
   * rendered by {@link Throwable#printStackTrace}, so chained causes appear as "Caused by:" lines,
   * as they do from the cluster.
   *
   * @param function the function, in readable form
   * @param thrown what it threw
   * @return the exception {@code get()} raises
   */
  static RustyTaskException taskFailed(String function, Throwable thrown) {
    StringWriter stack = new StringWriter();
    thrown.printStackTrace(new PrintWriter(stack));
    return new RustyTaskException(
        function,
        thrown.getClass().getName(),
        thrown.getMessage() == null ? "" : thrown.getMessage(),
        stack.toString());
  }

  /**
   * A call the node refuses (as a gRPC status in the cluster).
   *
   * @param code the status code name the cluster uses, such as {@code INVALID_ARGUMENT}
   * @param description the node's description, word for word
   * @param cause what caused it locally, or null
   * @return the exception {@code get()} raises
   */
  static RustyCallException refused(String code, String description, Throwable cause) {
    return new RustyCallException(code, description, cause);
  }

  /**
   * A durable actor's checkpoint over the limit: as the cluster client reads the node's report of
   * it, the function first, then the codec's message.
   *
   * @param function the call whose state it was, in readable form
   * @param tooLarge what the codec refused
   * @return the exception {@code get()} raises
   */
  static CheckpointTooLargeException checkpointTooLarge(
      String function, CheckpointTooLarge tooLarge) {
    return new CheckpointTooLargeException(function + ": " + tooLarge.getMessage());
  }
}
