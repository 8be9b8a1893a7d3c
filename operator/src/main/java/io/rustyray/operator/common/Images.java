package io.rustyray.operator.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The RustyRay container images this build belongs to. Their registry and tag are set once, in the
 * root pom.xml ({@code rustyray.image.*}), and reach the operator through the filtered {@code
 * images.properties}.
 */
public final class Images {
  private static final Properties NAMES = load();

  /** The runtime image: the program of every head and worker pod. */
  public static final String RUNTIME = NAMES.getProperty("runtime");

  /** The operator's own image. */
  public static final String OPERATOR = NAMES.getProperty("operator");

  private Images() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Images.class.getResourceAsStream("images.properties")) {
      if (in == null) {
        throw new IllegalStateException("images.properties is missing from the operator's jar");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
