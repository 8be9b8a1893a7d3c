package io.rustyray.protocol.namespace;

import java.util.UUID;

/**
 * The rules every side agrees on for namespaces: which names are valid, what an anonymous namespace
 * looks like, and where a name goes that came with no namespace at all.
 */
public final class Namespaces {
  /**
   * Where actors go that name no namespace: created by a client older than namespaces, or kept by
   * an older head's store. Kubernetes' own default namespace has the same name, so the actors of
   * RustyActors in it keep being found.
   */
  public static final String DEFAULT = "default";

  /** Anonymous namespaces start with this, so that {@code rustyray status} tells them apart. */
  public static final String ANONYMOUS_PREFIX = "anonymous-";

  /** As long as a Kubernetes namespace may be, and then some: a bound for the head's tables. */
  public static final int MAX_LENGTH = 256;

  private Namespaces() {}

  /**
   * @return a namespace no other job has: Ray gives every job without one its own
   */
  public static String anonymous() {
    return ANONYMOUS_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /**
   * @param namespace a namespace a user gave, or empty for an anonymous one
   * @return the namespace to run in
   * @throws IllegalArgumentException when it is not a valid namespace
   */
  public static String givenOrAnonymous(String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      return anonymous();
    }
    return check(namespace);
  }

  /**
   * @param namespace the namespace from a request, possibly empty
   * @return it, or {@link #DEFAULT} when empty (or null)
   * @throws IllegalArgumentException when it is not a valid namespace
   */
  public static String orDefault(String namespace) {
    return namespace == null || namespace.isEmpty() ? DEFAULT : check(namespace);
  }

  /**
   * @param namespace a namespace
   * @return it, when valid: 1 to {@value #MAX_LENGTH} printable characters, without spaces
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static String check(String namespace) {
    if (namespace == null) {
      throw new IllegalArgumentException("give a namespace, not null");
    }
    if (namespace.isEmpty()) {
      throw new IllegalArgumentException("a namespace cannot be empty");
    }
    if (namespace.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a namespace has at most "
              + MAX_LENGTH
              + " characters; got "
              + namespace.length()
              + " ("
              + namespace.substring(0, 32)
              + "...)");
    }
    for (int i = 0; i < namespace.length(); i++) {
      char c = namespace.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "a namespace cannot contain spaces or control characters; got '"
                + namespace.replaceAll("\\p{Cntrl}", "?")
                + "'");
      }
    }
    return namespace;
  }
}
