package io.crexporter.config;

import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * What went wrong reading a YAML file, as a problem with the file's name and, where known, line.
 */
public final class YamlProblems {

  private YamlProblems() {}

  /** The problem of {@code file} that {@code failure} (an I/O or YAML error) stands for. */
  public static ConfigProblem of(String file, Exception failure) {
    if (failure instanceof NoSuchFileException) {
      return new ConfigProblem(new SourceLocation(file, 0, ""), "no such file or directory");
    }
    if (failure instanceof MarkedYAMLException marked) {
      Mark mark =
          marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      return new ConfigProblem(
          new SourceLocation(file, line, ""), "invalid YAML: " + marked.getProblem());
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CharacterCodingException) {
        return new ConfigProblem(
            new SourceLocation(file, 0, ""), "not UTF-8 text: YAML and JSON files must be UTF-8");
      }
    }
    return new ConfigProblem(
        new SourceLocation(file, 0, ""), "cannot read: " + failure.getMessage());
  }
}
