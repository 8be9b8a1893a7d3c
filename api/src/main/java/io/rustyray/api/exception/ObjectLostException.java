package io.rustyray.api.exception;

/** An object can no longer be read or produced: its node or owner is gone, or retries ran out. */
public class ObjectLostException extends RustyException {
  public ObjectLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
