package io.rustyray.api.exception;

/** Base of every exception the RustyRay SDK throws. */
public class RustyException extends RuntimeException {
  public RustyException(String message) {
    super(message);
  }

  public RustyException(String message, Throwable cause) {
    super(message, cause);
  }
}
