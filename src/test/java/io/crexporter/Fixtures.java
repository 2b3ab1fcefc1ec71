package io.crexporter;

import io.crexporter.app.Exporter;
import io.crexporter.exposition.ExpositionFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Upstream example objects with status, one object a file, copied into {@code
 * src/test/resources/fixtures/<domain>/examples}; {@code index.json} there says what each shows.
 * Some files are the same object in different states, so each is rendered on its own.
 */
public final class Fixtures {

  public static final Path ROOT = Path.of("src/test/resources/fixtures");

  private Fixtures() {}

  /** Every example object file, sorted. */
  public static List<Path> files() {
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The mapping files shipped in {@code config/}, sorted. */
  public static List<Path> mappingFiles() {
    try (Stream<Path> files = Files.list(Path.of("config"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Prometheus text exposition of the mapped series of {@code objects} under {@code config}.
   */
  public static String render(List<Path> config, List<Path> objects) throws Exception {
    try (Exporter exporter =
        Exporter.create(new Exporter.Options(config, objects, false, false, false))) {
      exporter.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      exporter.exposition().write(out, ExpositionFormat.TEXT);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
