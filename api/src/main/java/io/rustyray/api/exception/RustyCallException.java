package io.rustyray.api.exception;

/**
 * The cluster refused or could not run a call: an unknown class or method, arguments of the wrong
 * type, a value that cannot be serialized, a missing or wrong token, an unreachable head.
 */
public class RustyCallException extends RustyException {
  private final String code;
  private final String description;

  public RustyCallException(String code, String description, Throwable cause) {
    super(code + ": " + description, cause);
    this.code = code;
    this.description = description;
  }

  /**
   * @return the status code name, such as {@code NOT_FOUND}, {@code INVALID_ARGUMENT} or {@code
   *     UNAUTHENTICATED}
   */
  public String getCode() {
    return code;
  }

  /**
   * @return what went wrong, in words
   */
  public String getDescription() {
    return description;
  }
}
