package io.rustyray.api.exception;

/** A {@code get} with a timeout ran out of time before the object was ready. */
public class RustyTimeoutException extends RustyException {
  public RustyTimeoutException(String message) {
    super(message);
  }
}
