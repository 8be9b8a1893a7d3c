package io.rustyray.local;

import io.rustyray.api.exception.RustyCallException;

/**
 * The local stand-in for the gRPC status a node answers with when it cannot run a call (arguments
 * of the wrong type, a result that cannot be written): a call turns it into {@link
 * RustyCallException}, an actor's creation into its death cause, as in the cluster.
 */
final class CallRefused extends Exception {
  private final String code;
  private final String description;

  CallRefused(String code, String description, Throwable cause) {
    super(code + ": " + description, cause, false, false);
    this.code = code;
    this.description = description;
  }

  String description() {
    return description;
  }

  RustyCallException toCallException() {
    return LocalErrors.refused(code, description, getCause());
  }
}
