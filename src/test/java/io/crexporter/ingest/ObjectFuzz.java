package io.crexporter.ingest;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.config.Yamls;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.EvaluationError;
import io.crexporter.mapping.ObjectEvaluator;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.Series;
import io.crexporter.render.SampleLineParser;
import io.crexporter.store.RenderedObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fuzzed objects through every shipped mapping and every kube-state-metrics configuration of the
 * reference set: evaluated, rendered, and the lines read back. A defect shows as an exception that
 * escapes, an evaluation error that is an exception caught by the last safety net, or a line that
 * does not read back as the sample it was made from.
 */
final class ObjectFuzz {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** What a run found. */
  record Findings(long objects, long evaluations, long series, long errors, List<String> defects) {}

  private final List<CompiledConfig> configs;
  private final List<Map<String, Object>> fixtures;

  ObjectFuzz() throws IOException, InvalidConfigException {
    configs = new ArrayList<>();
    configs.add(ConfigLoader.load(List.of(Path.of("config"))));
    // expressions, value maps, presence, fallbacks and nested each
    configs.add(ConfigLoader.load(List.of(Path.of("src/test/resources/language/features.yaml"))));
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/ksm/configs"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try {
          configs.add(ConfigLoader.load(List.of(file)));
        } catch (InvalidConfigException e) {
          // a reference file this exporter refuses (with located problems) maps nothing here
        }
      }
    }
    fixtures = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("examples"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (Reader reader = Files.newBufferedReader(file)) {
          for (Object document : Yamls.create().loadAll(reader)) {
            if (document instanceof Map<?, ?> map && map.get("kind") instanceof String) {
              @SuppressWarnings("unchecked")
              Map<String, Object> object = (Map<String, Object>) map;
              fixtures.add(object);
            }
          }
        }
      }
    }
  }

  int configs() {
    return configs.size();
  }

  Findings run(long seed, int count) {
    FuzzObjects objects = new FuzzObjects(seed, fixtures);
    ObjectRenderer renderer = new ObjectRenderer();
    Map<String, Integer> ids = new HashMap<>();
    List<String> defects = new ArrayList<>();
    long evaluations = 0;
    long produced = 0;
    long failed = 0;
    for (int i = 0; i < count && defects.size() < 20; i++) {
      Map<String, Object> object = objects.next();
      if (!(object.get("apiVersion") instanceof String apiVersion)
          || !(object.get("kind") instanceof String kind)) {
        continue;
      }
      for (CompiledConfig config : configs) {
        List<ResourceMapping> mappings = config.mappingsFor(apiVersion, kind);
        if (mappings.isEmpty()) {
          continue;
        }
        List<Series> series = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        try {
          for (ResourceMapping mapping : mappings) {
            ObjectEvaluator.evaluateInto(mapping, object, series, errors);
            evaluations++;
          }
          for (EvaluationError error : errors) {
            if (error.detail().contains("Exception") || error.detail().startsWith("java.")) {
              defects.add("seed " + seed + " object " + i + ": " + error);
            }
          }
          RenderedObject rendered =
              renderer.render(series, name -> ids.computeIfAbsent(name, n -> ids.size()));
          checkLines(rendered, seed, i, defects);
        } catch (RuntimeException e) {
          defects.add("seed " + seed + " object " + i + ": escaped " + e);
        }
        produced += series.size();
        failed += errors.size();
      }
    }
    return new Findings(count, evaluations, produced, failed, defects);
  }

  /** Every line reads back: a valid name and label names, and as many samples as lines. */
  private static void checkLines(RenderedObject rendered, long seed, int i, List<String> defects) {
    byte[] bytes = rendered.rendering().copyOfLines();
    List<SampleLineParser.Sample> samples;
    try {
      samples = SampleLineParser.parse(bytes, 0, bytes.length);
    } catch (RuntimeException e) {
      defects.add("seed " + seed + " object " + i + ": unreadable lines: " + e);
      return;
    }
    if (samples.size() != rendered.identities().length) {
      defects.add(
          "seed "
              + seed
              + " object "
              + i
              + ": "
              + samples.size()
              + " samples read back of "
              + rendered.identities().length
              + " lines");
    }
    for (SampleLineParser.Sample sample : samples) {
      if (!METRIC_NAME.matcher(sample.name()).matches()
          || !sample.labelNames().stream().allMatch(n -> LABEL_NAME.matcher(n).matches())) {
        defects.add("seed " + seed + " object " + i + ": bad sample " + sample);
      }
    }
  }
}
