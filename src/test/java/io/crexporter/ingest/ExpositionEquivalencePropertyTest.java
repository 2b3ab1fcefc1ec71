package io.crexporter.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crexporter.LibraryReference;
import io.crexporter.exposition.Exposition;
import io.crexporter.exposition.ExpositionFormat;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.Series;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.RenderedStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random metric names, hostile label values and help texts, and awkward numbers, rendered and
 * stored as the exporter does, then written: the bytes equal what client_java's writers make of the
 * same series, in both text formats, once the samples of each name are put in one order.
 */
class ExpositionEquivalencePropertyTest {

  private static final String[] VALUES = {
    "",
    "plain",
    "quote\"d",
    "back\\slash",
    "new\nline",
    "\\\"\n",
    "tab\there",
    "ünïcødé",
    "日本語",
    "emoji \uD83D\uDE80",
    "lone \uD800 surrogate",
    "end \uDFFF",
    "{braces}",
    "a=b,c",
    " spaced ",
    "#hash"
  };
  private static final double[] NUMBERS = {
    0.0,
    -0.0,
    1.0,
    -1.0,
    2.0,
    42.0,
    1e21,
    1e-7,
    Double.MIN_VALUE,
    Double.MIN_NORMAL,
    Double.MAX_VALUE,
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    123456789.0,
    0.1,
    1.6563744E9
  };
  private static final MetricType[] TYPES = {
    MetricType.GAUGE, MetricType.INFO, MetricType.STATESET, MetricType.COUNT
  };

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void equalsClientJavasWriters(long seed) throws Exception {
    Random random = new Random(seed);
    List<MetricFamily> families = new ArrayList<>();
    for (int i = 1 + random.nextInt(6); i > 0; i--) {
      families.add(
          new MetricFamily(
              name(random, "abcdefghijklmnopqrstuvwxyzABCXYZ_:", "0123456789_:") + "_" + i,
              random.nextInt(3) == 0 ? "" : VALUES[random.nextInt(VALUES.length)] + " help",
              TYPES[random.nextInt(TYPES.length)]));
    }
    RenderedStore store = new RenderedStore();
    ObjectRenderer renderer = new ObjectRenderer();
    List<List<Series>> objects = new ArrayList<>();
    for (int o = 0; o < 1 + random.nextInt(30); o++) {
      List<Series> series = new ArrayList<>();
      for (int s = random.nextInt(12); s > 0; s--) {
        series.add(series(random, families.get(random.nextInt(families.size()))));
      }
      store.put(
          new ObjectKey("o" + o),
          new ResourceId("g", "v1", "K", "ks"),
          renderer.render(series, store::familyId));
      objects.add(series);
    }
    CompiledConfig config = CompiledConfigs.withFamilies(families);
    Exposition exposition = new Exposition(store, () -> config, new PrometheusRegistry());
    for (boolean openMetrics : new boolean[] {false, true}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      exposition.write(out, openMetrics ? ExpositionFormat.OPENMETRICS : ExpositionFormat.TEXT);
      assertEquals(
          LibraryReference.sortedWithinNames(
              LibraryReference.write(objects, families, openMetrics)),
          LibraryReference.sortedWithinNames(out.toString(StandardCharsets.UTF_8)),
          (openMetrics ? "OpenMetrics" : "text") + ", seed " + seed);
    }
  }

  private static Series series(Random random, MetricFamily family) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      labels.put(name(random, "abcxyzABC_", "0123456789_"), VALUES[random.nextInt(VALUES.length)]);
    }
    double value =
        random.nextInt(4) == 0
            ? random.nextGaussian() * 1e6
            : NUMBERS[random.nextInt(NUMBERS.length)];
    return new Series(family, labels, value);
  }

  /** A classic Prometheus name: a first character, then others. */
  private static String name(Random random, String first, String more) {
    StringBuilder name = new StringBuilder();
    name.append(first.charAt(random.nextInt(first.length())));
    for (int i = random.nextInt(6); i > 0; i--) {
      String all = first + more;
      name.append(all.charAt(random.nextInt(all.length())));
    }
    String text = name.toString();
    return text.startsWith("__") ? "x" + text : text;
  }
}
