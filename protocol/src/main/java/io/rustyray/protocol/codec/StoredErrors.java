package io.rustyray.protocol.codec;

import io.rustyray.api.exception.RustyException;

/**
 * An object whose value is one of the SDK's exceptions (a put of a RustyTaskException, a task that
 * returned one) is an error object, as in Ray: its {@code get()} throws it, with its cause.
 */
public final class StoredErrors {
  private StoredErrors() {}

  /**
   * @param value a value just read from an object
   * @param <T> its type
   * @return the value, unless it is an SDK exception
   * @throws RustyException the value, when it is one
   */
  public static <T> T raiseIfError(T value) {
    if (value instanceof RustyException error) {
      throw error;
    }
    return value;
  }
}
