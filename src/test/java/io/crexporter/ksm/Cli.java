package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crexporter.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line, run in-process, with what it printed. */
final class Cli {

  record Result(int status, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(status, out.toString(), err.toString());
  }

  static Result validate(Path... configs) {
    List<String> args = new ArrayList<>(List.of("validate"));
    for (Path config : configs) {
      args.add("--config=" + config);
    }
    return run(args.toArray(String[]::new));
  }

  /** The exposition {@code render} prints, as printed; fails when it does not succeed. */
  static String render(List<Path> configs, List<Path> objects, String... options) {
    List<String> args = new ArrayList<>(List.of("render"));
    configs.forEach(config -> args.add("--config=" + config));
    objects.forEach(object -> args.add("--objects=" + object));
    args.addAll(List.of(options));
    Result result = run(args.toArray(String[]::new));
    assertEquals(0, result.status(), result.err());
    return result.out();
  }
}
