package io.crexporter.cli;

import io.crexporter.config.ConfigProblem;
import io.crexporter.config.InvalidConfigException;
import java.io.PrintWriter;

final class ConfigErrors {
  private ConfigErrors() {}

  static void print(PrintWriter err, InvalidConfigException e) {
    for (ConfigProblem problem : e.problems()) {
      err.println(problem);
    }
    err.println(e.getMessage());
    err.flush();
  }
}
