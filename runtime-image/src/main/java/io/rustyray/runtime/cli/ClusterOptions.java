package io.rustyray.runtime.cli;

import picocli.CommandLine.Option;

/** The options every command that talks to a cluster shares. */
public class ClusterOptions {
  @Option(
      names = "--token",
      defaultValue = "${env:RUSTYRAY_TOKEN}",
      description = "The cluster token (default: $RUSTYRAY_TOKEN; none when unset).")
  String token;

  String token() {
    return token == null ? "" : token;
  }
}
