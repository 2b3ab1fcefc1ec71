package io.crexporter;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.config.Yamls;
import io.crexporter.mapping.CompiledConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Compiles mapping text and parses objects written inline in tests. */
public final class TestConfigs {

  private TestConfigs() {}

  public static CompiledConfig compile(String mappingYaml) {
    try {
      Path file = Files.createTempFile("mapping", ".yaml");
      Files.writeString(file, mappingYaml);
      try {
        return ConfigLoader.load(List.of(file));
      } finally {
        Files.delete(file);
      }
    } catch (InvalidConfigException e) {
      throw new AssertionError("invalid test mapping: " + e.problems(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, Object> object(String yaml) {
    return Yamls.create().load(yaml);
  }
}
