package io.rustyray.runtime.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code rustyray} command line. */
@TopCommand
@Command(
    name = "rustyray",
    mixinStandardHelpOptions = true,
    version = "rustyray 0.1.0",
    description = "Runs and inspects RustyRay clusters.",
    subcommands = {StartCommand.class, StatusCommand.class, JobCommand.class, BenchCommand.class})
public class RustyCommand {}
