package io.rustyray.api.exception;

/**
 * The user code of a task or actor call threw. Carries the remote exception's class, message and
 * stack trace as text: remote classes are never deserialized on the caller's side.
 */
public class RustyTaskException extends RustyException {
  private final String function;
  private final String remoteClassName;
  private final String remoteMessage;
  private final String remoteStackTrace;

  public RustyTaskException(
      String function, String remoteClassName, String remoteMessage, String remoteStackTrace) {
    super(
        function
            + " threw "
            + remoteClassName
            + (remoteMessage.isEmpty() ? "" : ": " + remoteMessage)
            + "\nRemote stack trace:\n"
            + remoteStackTrace);
    this.function = function;
    this.remoteClassName = remoteClassName;
    this.remoteMessage = remoteMessage;
    this.remoteStackTrace = remoteStackTrace;
  }

  /**
   * @return the task or method that threw, in readable form (with its name when the call had one)
   */
  public String getFunction() {
    return function;
  }

  /**
   * @return the fully qualified class name of the exception thrown remotely
   */
  public String getRemoteClassName() {
    return remoteClassName;
  }

  /**
   * @return the message of the exception thrown remotely (empty when it had none)
   */
  public String getRemoteMessage() {
    return remoteMessage;
  }

  /**
   * @return the remote stack trace, as printed by {@link Throwable#printStackTrace()}
   */
  public String getRemoteStackTrace() {
    return remoteStackTrace;
  }
}
