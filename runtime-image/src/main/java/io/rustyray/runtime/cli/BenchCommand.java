package io.rustyray.runtime.cli;

import io.rustyray.api.Rusty;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetHeadInfoRequest;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.bench.Figure;
import io.rustyray.runtime.bench.Microbenchmarks;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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

  @Option(
      names = "--durable",
      description =
          "Only the cost of durable actors: calls to a plain actor beside the same calls to one"
              + " that keeps its state after every call, on this cluster's head store.")
  boolean durableOnly;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "RustyRay microbenchmarks against %s: %d timed rounds after a warm-up, mean +- stddev%n",
        head.address, rounds);
    out.flush();
    Rusty.init(head.address, head.cluster.token());
    try (Channels channels = head.channels()) {
      Microbenchmarks benchmarks =
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
              });
      if (durableOnly) {
        benchmarks.durableCalls();
        printDurableCost(out, benchmarks.figures(), channels);
        return 0;
      }
      List<Figure> figures = benchmarks.runAll();
      Figure rtt = figures.get(0);
      figures.stream()
          .filter(f -> f.name().equals("1_1_actor_calls_sync"))
          .findFirst()
          .ifPresent(
              sync ->
                  out.printf(
                      "1_1_actor_calls_sync takes %.2fx the time of a bare gRPC round trip%n",
                      rtt.mean() / sync.mean()));
      printDurableCost(out, figures, channels);
      return 0;
    } finally {
      Rusty.shutdown();
    }
  }

  /** How many times a plain call's time a durable one takes, per kind of call. */
  private void printDurableCost(PrintWriter out, List<Figure> figures, Channels channels) {
    String store =
        GcsServiceGrpc.newBlockingStub(channels.get(head.address))
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .getHeadInfo(GetHeadInfoRequest.getDefaultInstance())
            .getStore();
    for (String kind : List.of("sync", "async")) {
      Optional<Figure> plain = figure(figures, "1_1_actor_calls_" + kind);
      Optional<Figure> durable = figure(figures, "1_1_actor_calls_" + kind + "_durable");
      if (plain.isPresent() && durable.isPresent()) {
        out.printf(
            "durable_call_cost_%s %.2fx the time of a plain call (head store %s)%n",
            kind, plain.get().mean() / durable.get().mean(), store);
      }
    }
    out.flush();
  }

  private static Optional<Figure> figure(List<Figure> figures, String name) {
    return figures.stream().filter(f -> f.name().equals(name)).reduce((first, last) -> last);
  }
}
