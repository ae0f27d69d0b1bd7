package io.narrowcast.cli;

import io.narrowcast.runtime.ClusterException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The narrowcast command line: parses, dispatches, and turns failures into one-line errors. */
@Command(name = "narrowcast", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Streaming passive-DNS anomaly detector: querier-set collapse and rename following.",
    subcommands = {DemoCommand.class, ReplayCommand.class, IngestCommand.class, SimulateCommand.class,
        EvaluateCommand.class, BenchCommand.class, RunCommand.class, QueryCommand.class, AlertsCommand.class,
        DlqCommand.class, ReportCommand.class, BrokerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit status for a usage or input mistake. */
  public static final int USAGE_ERROR = 2;
  /** Exit status for a failure while running (cluster unreachable, disk full, bug). */
  public static final int RUN_ERROR = 1;
  static final long MIB = 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit status. */
  public static int execute(String... args) {
    return execute(System.getenv(), args);
  }

  /** Runs the command line with option defaults from {@code env} (see {@link ConfigDefaults}). */
  static int execute(Map<String, String> env, String... args) {
    return execute(new CommandLine(new Main()), env, args);
  }

  /** Runs {@code cli}, narrowcast's command line, with option defaults from {@code env}. */
  static int execute(CommandLine cli, Map<String, String> env, String... args) {
    try {
      cli.setDefaultValueProvider(ConfigDefaults.load(env, args));
    } catch (UserException e) {
      cli.getErr().println("narrowcast: " + e.getMessage());
      return USAGE_ERROR;
    }
    cli.setParameterExceptionHandler((e, rest) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage()
          + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return USAGE_ERROR;
    });
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      PrintWriter err = command.getErr();
      if (e instanceof UserException || e instanceof IllegalArgumentException) {
        err.println(command.getCommandName() + ": " + e.getMessage());
        return USAGE_ERROR;
      }
      ConfigException mistake = configMistake(e);
      if (mistake != null) {
        err.println(command.getCommandName() + ": " + mistake.getMessage());
        return USAGE_ERROR;
      }
      String what = e instanceof ClusterException ? e.getMessage() : e.toString();
      err.println(command.getCommandName() + ": failed: " + what + " (NARROWCAST_LOG_LEVEL=DEBUG shows details)");
      LOG.debug("failure", e);
      return RUN_ERROR;
    });
    try {
      int status = cli.execute(args);
      // System.out swallows write errors: without this, output lost to a full disk or a closed pipe passed for success
      if (status == 0 && System.out.checkError()) {
        cli.getErr().println(commandName(cli) + ": failed: cannot write to standard output (a full disk, a closed pipe)");
        return RUN_ERROR;
      }
      return status;
    } catch (OutOfMemoryError e) {
      // picocli hands Errors on; what the command held is garbage now, so there is room for one line
      cli.getErr().println(commandName(cli) + ": ran out of memory" + heapAdvice());
      return RUN_ERROR;
    }
  }

  /** The name of the (sub)command that ran. */
  private static String commandName(CommandLine cli) {
    List<CommandLine> parsed = cli.getParseResult().asCommandLineList();
    return parsed.get(parsed.size() - 1).getCommandName();
  }

  /** The end of a line saying that a command needs more heap: how much the JVM has, and what to do. */
  static String heapAdvice() {
    return " (the JVM's max heap is " + Runtime.getRuntime().maxMemory() / MIB + " MiB): give the JVM more heap, "
        + "e.g. java -Xmx4g -jar narrowcast.jar ..., or ask for less work";
  }

  /**
   * The setting a Kafka client refused when it was created ('not a host' in bootstrap.servers, an
   * unknown security.protocol), which it wraps in "Failed to create new KafkaAdminClient"; else null.
   */
  private static ConfigException configMistake(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigException mistake) {
        return mistake;
      }
    }
    return null;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"narrowcast " + (version == null ? "(development build)" : version)};
    }
  }
}
