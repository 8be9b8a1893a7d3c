package io.rustyray.operator.crd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads CRDs and manifests as plain maps, lists and scalars (integers as Long, as CEL wants). */
final class Manifests {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Manifests() {}

  static Path crds() {
    return Path.of(System.getProperty("rustyray.crds.dir", "../crds"));
  }

  static Path examples() {
    return Path.of(System.getProperty("rustyray.examples.dir", "../examples"));
  }

  static Map<String, Object> read(Path file) {
    try {
      return normalize(YAML.readValue(Files.readString(file), Map.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> resource(String name) {
    try (var in = Manifests.class.getResourceAsStream("/manifests/" + name)) {
      return normalize(YAML.readValue(in, Map.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T normalize(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return (T) out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(normalize(v)));
      return (T) out;
    }
    if (value instanceof Integer i) {
      return (T) Long.valueOf(i);
    }
    if (value instanceof Float f) {
      return (T) Double.valueOf(f);
    }
    return (T) value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> schema(String plural) {
    Map<String, Object> crd = read(crds().resolve(plural + ".rustyray.io-v1.yml"));
    var versions =
        (List<Map<String, Object>>) ((Map<String, Object>) crd.get("spec")).get("versions");
    return (Map<String, Object>)
        ((Map<String, Object>) versions.get(0).get("schema")).get("openAPIV3Schema");
  }
}
