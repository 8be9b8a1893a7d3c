package io.rustyray.runtime.cli;

import io.rustyray.api.Rusty;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.bench.Figure;
import io.rustyray.runtime.bench.Microbenchmarks;
import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rustyray bench}: Ray's core microbenchmarks against a running cluster. */
@Command(
    mixinStandardHelpOptions = true,
    name = "bench",
    description = "Runs Ray's core microbenchmarks against a running cluster and prints figures.")
public class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HeadConnection head;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description = "Timed rounds per benchmark (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--scale",
      defaultValue = "1",
      description = "Multiplies the work per round (default: ${DEFAULT-VALUE}).")
  double scale;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "RustyRay microbenchmarks against %s: %d timed rounds after a warm-up, mean +- stddev%n",
        head.address, rounds);
    out.flush();
    Rusty.init(head.address, head.cluster.token());
    try (Channels channels = head.channels()) {
      List<Figure> figures =
          new Microbenchmarks(
                  channels.get(head.address),
                  () ->
                      new ClusterRuntime(
                          head.address,
                          head.cluster.token(),
                          "bench-" + UUID.randomUUID().toString().substring(0, 8),
                          ""),
                  rounds,
                  scale,
                  f -> {
                    out.println(f);
                    out.flush();
                  })
              .runAll();
      Figure rtt = figures.get(0);
      figures.stream()
          .filter(f -> f.name().equals("1_1_actor_calls_sync"))
          .findFirst()
          .ifPresent(
              sync ->
                  out.printf(
                      "1_1_actor_calls_sync takes %.2fx the time of a bare gRPC round trip%n",
                      rtt.mean() / sync.mean()));
      out.flush();
      return 0;
    } finally {
      Rusty.shutdown();
    }
  }
}
