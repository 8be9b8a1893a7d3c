package io.rustyray.api.options;

/**
 * Options of one actor call.
 *
 * @param name the call's name, shown where tasks are listed, or empty
 * @param concurrencyGroup the concurrency group the call runs in, or empty for the group its method
 *     belongs to (the default group when none)
 */
public record ActorCallOptions(String name, String concurrencyGroup) {
  /** A call with no name, in its method's group. */
  public static final ActorCallOptions DEFAULT = new ActorCallOptions("", "");
}
