package io.rustyray.runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles Java sources against the SDK and packs them into a jar, as a user's build would. */
final class JobJars {
  private JobJars() {}

  /**
   * @param sources class name to source text
   * @return the jar
   */
  static Path build(String name, Map<String, String> sources) throws IOException {
    Path work = Files.createTempDirectory("job-jar-" + name);
    Path src = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args;
    try (Stream<Path> files = Files.walk(src)) {
      args =
          Stream.concat(
                  Stream.of(
                      "-d",
                      classes.toString(),
                      "-cp",
                      System.getProperty("java.class.path"),
                      "--release",
                      "17"),
                  files.filter(p -> p.toString().endsWith(".java")).map(Path::toString))
              .toList();
    }
    int result = javac.run(null, null, null, args.toArray(String[]::new));
    if (result != 0) {
      throw new IllegalStateException("the job's sources do not compile");
    }
    return pack(work.resolve(name + ".jar"), classes);
  }

  /**
   * Packs the classes of one package of this suite's own test classes, as they were compiled.
   *
   * @param name the jar's name
   * @param inPackage a class of the package
   */
  static Path pack(String name, Class<?> inPackage) throws IOException {
    Path root = Path.of(inPackage.getProtectionDomain().getCodeSource().getLocation().getPath());
    Path work = Files.createTempDirectory("job-jar-" + name);
    Path classes = Files.createDirectories(work.resolve("classes"));
    Path folder = inPackage.getPackageName().replace('.', '/').transform(Path::of);
    Files.createDirectories(classes.resolve(folder));
    try (Stream<Path> files = Files.list(root.resolve(folder))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        Files.copy(file, classes.resolve(folder).resolve(file.getFileName()));
      }
    }
    return pack(work.resolve(name + ".jar"), classes);
  }

  private static Path pack(Path jar, Path classes) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    return jar;
  }
}
