package io.crexporter.config;

/** One thing wrong with the configuration, printed as {@code file:line: path: message}. */
public record ConfigProblem(SourceLocation location, String message) {
  @Override
  public String toString() {
    return location + ": " + message;
  }
}
