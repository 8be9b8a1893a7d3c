package io.rustyray.runtime.it;

import io.rustyray.runtime.gcs.store.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a durable actor's call costs beside a plain one, per head store (memory, {@code file:},
 * Redis): {@code rustyray bench --durable} against a head and one worker node on each, in one run
 * on this machine. A benchmark that prints figures, not a timed test; the table also goes to {@code
 * target/durable-calls-bench.txt}. {@code -Drustyray.bench.rounds} (2) and {@code
 * -Drustyray.bench.scale} (0.2: 400 sync and 2,000 async calls a round) size it, small to keep CI
 * short: the ratio within one run is what it is for. A file store on tmpfs ({@code /dev/shm}),
 * where an fsync costs nothing, shows what the disk adds.
 */
class DurableCallsBench {
  private static final String TOKEN = "durable-bench-" + System.nanoTime();
  private static final Pattern FIGURE =
      Pattern.compile(
          "^(1_1_actor_calls_\\S+)\\s+calls/s\\s+([0-9.]+) \\+- ([0-9.]+)", Pattern.MULTILINE);
  private static final Pattern COST =
      Pattern.compile("^durable_call_cost_(sync|async) ([0-9.]+)x", Pattern.MULTILINE);

  private final int rounds = Integer.getInteger("rustyray.bench.rounds", 2);
  private final String scale = System.getProperty("rustyray.bench.scale", "0.2");

  @Test
  void printsPlainAndDurableCallRatesForEachStore() throws Exception {
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("memory", run(null));
    outputs.put("file", run("file:" + Files.createTempDirectory("rustyray-durable-bench")));
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      // The same store where an fsync costs nothing: the difference to "file" is the disk's.
      outputs.put(
          "file-tmpfs", run("file:" + Files.createTempDirectory(shm, "rustyray-durable-bench")));
    }
    try (RedisServerProcess redis =
        RedisServerProcess.start(Files.createTempDirectory("rustyray-durable-bench-redis"))) {
      outputs.put("redis", run(redis.uri()));
    }
    StringBuilder table =
        new StringBuilder(
            String.format(
                "%-10s %14s %14s %8s %14s %14s %8s%n",
                "store", "sync calls/s", "durable", "cost", "async calls/s", "durable", "cost"));
    for (Map.Entry<String, String> entry : outputs.entrySet()) {
      Map<String, String> figures = new LinkedHashMap<>();
      Matcher m = FIGURE.matcher(entry.getValue());
      while (m.find()) {
        figures.put(m.group(1), m.group(2));
      }
      Map<String, String> costs = new LinkedHashMap<>();
      Matcher c = COST.matcher(entry.getValue());
      while (c.find()) {
        costs.put(c.group(1), c.group(2) + "x");
      }
      table.append(
          String.format(
              "%-10s %14s %14s %8s %14s %14s %8s%n",
              entry.getKey(),
              figures.get("1_1_actor_calls_sync"),
              figures.get("1_1_actor_calls_sync_durable"),
              costs.get("sync"),
              figures.get("1_1_actor_calls_async"),
              figures.get("1_1_actor_calls_async_durable"),
              costs.get("async")));
    }
    System.out.println(table);
    Path out = Path.of("target", "durable-calls-bench.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table + "\n" + String.join("\n", outputs.values()));
  }

  private String run(String store) throws Exception {
    List<String> headArgs = new ArrayList<>(List.of("--no-node-agent"));
    if (store != null) {
      headArgs.addAll(List.of("--gcs-store", store));
    }
    try (LocalCluster cluster = LocalCluster.startHead(TOKEN, headArgs.toArray(String[]::new))) {
      cluster.startWorker("w1", "{\"cpu\": 4}");
      LocalCluster.CliResult bench =
          cluster.cli(
              Duration.ofMinutes(10),
              Map.of(),
              "bench",
              "--durable",
              "--rounds",
              String.valueOf(rounds),
              "--scale",
              String.valueOf(scale));
      if (bench.exitCode() != 0) {
        throw new IllegalStateException("rustyray bench --durable failed:\n" + bench.stderr());
      }
      System.out.println(bench.stdout());
      return bench.stdout();
    }
  }
}
