package io.crexporter.config;

/**
 * A place in a configuration file: file, 1-based line, and YAML path such as {@code
 * resources[0].kind}.
 */
public record SourceLocation(String file, int line, String path) {
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + (path.isEmpty() ? "" : ": " + path);
  }
}
