package io.rustyray.runtime.gcs.store;

/** The store could not be reached or opened, or refused a write: nothing was made durable. */
public final class StoreUnavailableException extends Exception {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
