package io.rustyray.runtime.server;

import io.rustyray.api.Rusty;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of the processes a runtime starts (drivers, worker processes): the Quarkus
 * fast-jar's folders when running from one, else this JVM's own classpath (tests, an IDE).
 */
public final class RuntimeClasspath {
  private RuntimeClasspath() {}

  /** The SDK, the cluster client and the examples, for a job's driver. */
  public static List<String> libraries() {
    Path main = fastJarMain();
    if (main == null) {
      return List.of(System.getProperty("java.class.path"));
    }
    return List.of(main.getParent().resolve("boot") + "/*", main + "/*");
  }

  /** The libraries and the runtime's own classes, for a worker process. */
  public static List<String> withRuntime() {
    Path main = fastJarMain();
    if (main == null) {
      return List.of(System.getProperty("java.class.path"));
    }
    List<String> classpath = new ArrayList<>(libraries());
    classpath.add(main.getParent().getParent().resolve("app") + "/*");
    return classpath;
  }

  /** The fast-jar's folder ({@code quarkus-app}), or empty outside one. */
  public static java.util.Optional<Path> fastJar() {
    Path main = fastJarMain();
    return main == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(main.getParent().getParent());
  }

  /** quarkus-app/lib/main, which holds the SDK's jar, or null outside a fast-jar. */
  private static Path fastJarMain() {
    try {
      Path sdkJar =
          Path.of(Rusty.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path main = sdkJar.getParent();
      if (main != null && main.getFileName().toString().equals("main")) {
        return main;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // Not from a jar in a folder: use this JVM's classpath.
    }
    return null;
  }
}
