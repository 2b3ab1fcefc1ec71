package io.crexporter.config;

import java.util.List;

/** Every problem found in a configuration, reported together. */
public final class InvalidConfigException extends Exception {

  private final List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s"));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
