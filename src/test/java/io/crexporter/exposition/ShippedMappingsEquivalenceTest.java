package io.crexporter.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.Fixtures;
import io.crexporter.LibraryReference;
import io.crexporter.app.Exporter;
import io.crexporter.config.ConfigLoader;
import io.crexporter.config.Yamls;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.ObjectEvaluator;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.Series;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped mapping over every fixture object: the bytes the exporter serves, in both text
 * formats, equal what client_java's writers make of the same series (the series computed by the
 * mapping alone, not read back), once the samples of each name are in one order.
 */
class ShippedMappingsEquivalenceTest {

  static Stream<Path> mappingFiles() {
    return Fixtures.mappingFiles().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappingFiles")
  void servedBytesEqualClientJavasWriters(Path mappingFile) throws Exception {
    CompiledConfig config = ConfigLoader.load(List.of(mappingFile));
    int compared = 0;
    for (Path fixture : Fixtures.files()) {
      List<List<Series>> objects = new ArrayList<>();
      for (Map<String, Object> object : objects(fixture)) {
        List<Series> series = new ArrayList<>();
        for (ResourceMapping mapping :
            config.mappingsFor((String) object.get("apiVersion"), (String) object.get("kind"))) {
          series.addAll(ObjectEvaluator.evaluate(mapping, object).series());
        }
        objects.add(series);
      }
      try (Exporter exporter =
          Exporter.create(
              new Exporter.Options(List.of(mappingFile), List.of(fixture), false, false, false))) {
        exporter.start();
        for (ExpositionFormat format : ExpositionFormat.values()) {
          ByteArrayOutputStream served = new ByteArrayOutputStream();
          exporter.exposition().write(served, format);
          boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
          assertEquals(
              LibraryReference.sortedWithinNames(
                  LibraryReference.write(objects, config.families(), openMetrics)),
              LibraryReference.sortedWithinNames(served.toString(StandardCharsets.UTF_8)),
              format + " of " + fixture);
        }
      }
      compared += objects.stream().mapToInt(List::size).sum();
    }
    assertTrue(compared > 0, "no fixture is mapped by " + mappingFile);
  }

  private static List<Map<String, Object>> objects(Path fixture) throws Exception {
    List<Map<String, Object>> objects = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(fixture)) {
      for (Object document : Yamls.create().loadAll(reader)) {
        if (document instanceof Map<?, ?> map && map.get("kind") instanceof String) {
          @SuppressWarnings("unchecked")
          Map<String, Object> object = (Map<String, Object>) map;
          objects.add(object);
        }
      }
    }
    return objects;
  }
}
