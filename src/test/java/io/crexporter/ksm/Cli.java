package io.crexporter.ksm;

import io.crexporter.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line, with what it printed. */
record Cli(int status, String out, String err) {

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(status, out.toString(), err.toString());
  }
}
