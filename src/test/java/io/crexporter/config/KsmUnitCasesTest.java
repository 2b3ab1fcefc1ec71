package io.crexporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.crexporter.mapping.EvaluationError;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.Series;
import io.crexporter.mapping.ksm.KsmLabels;
import io.crexporter.mapping.ksm.KsmMetric;
import io.crexporter.mapping.ksm.KsmPath;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * kube-state-metrics' own unit cases for Custom Resource State (registry_factory_test.go), as data
 * in src/test/resources/ksm/unit, run against the compiled form of the same blocks.
 */
class KsmUnitCasesTest {

  private static final Path UNIT = Path.of("src/test/resources/ksm/unit");

  /** The test object; upstream decodes it with encoding/json, so every number is a float64. */
  private static final Object CR = read("registry_factory_test.cr.json");

  private static Object read(String file) {
    try {
      return new Gson().fromJson(Files.readString(UNIT.resolve(file)), Object.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T yaml(String file) throws IOException {
    return (T) new Yaml().load(Files.readString(UNIT.resolve(file)));
  }

  @TestFactory
  Stream<DynamicTest> testValuesCases() throws IOException {
    Map<String, List<Map<String, Object>>> file = yaml("registry_factory_test.Test_values.yaml");
    List<Map<String, Object>> cases = file.get("cases");
    assertEquals(26, cases.size());
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    (String) c.get("name"),
                    () -> {
                      List<EvaluationError> errors = new ArrayList<>();
                      List<String> actual = evaluate(metric(c.get("each"), Map.of()), errors);
                      assertEquals(expected(c.get("expected")), actual);
                      if (c.containsKey("errors")) {
                        assertEquals(
                            c.get("errors"), errors.stream().map(EvaluationError::detail).toList());
                      }
                    }));
  }

  @Test
  void valuePathGet() throws IOException {
    Map<String, List<Map<String, Object>>> file = yaml("registry_factory_test.other_cases.yaml");
    List<Map<String, Object>> cases = file.get("Test_valuePath_Get");
    assertEquals(6, cases.size());
    for (Map<String, Object> c : cases) {
      Object got = KsmPath.compile(segments(c.get("path"))).get(CR);
      Object want = c.get("want");
      Object comparable = want instanceof Number n ? (Object) n.doubleValue() : want;
      assertEquals(comparable, got, (String) c.get("name"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void addPathLabels() throws IOException {
    Map<String, Object> file = yaml("registry_factory_test.other_cases.yaml");
    List<Map<String, Object>> cases = (List<Map<String, Object>>) file.get("Test_addPathLabels");
    cases = new ArrayList<>(cases);
    Map<String, Object> outOfRange =
        (Map<String, Object>) file.get("Test_addPathLabels_indexOutOfRange");
    cases.add(
        Map.of(
            "name",
            "index out of range",
            "labels",
            outOfRange.get("labels"),
            "want",
            outOfRange.get("want")));
    for (Map<String, Object> c : cases) {
      Map<String, String> out = new TreeMap<>();
      labels(c.get("labels")).addTo(CR, out);
      assertEquals(new TreeMap<>((Map<String, String>) c.get("want")), out, (String) c.get("name"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void listLookupWithoutEqualsIsRejectedWhereverAPathIsRead() throws IOException {
    Map<String, Object> file = yaml("registry_factory_test.other_cases.yaml");
    Map<String, Object> c = (Map<String, Object>) file.get("Test_newCompiledMetric_compileError");
    List<String> bad = segments(c.get("bad_path"));
    String flow = new Yaml().dump(bad).trim();
    List<String> blocks =
        List.of(
            "{type: Gauge, gauge: {path: " + flow + "}}",
            "{type: Info, info: {path: " + flow + "}}",
            "{type: StateSet, stateSet: {labelName: s, list: [a], path: " + flow + "}}",
            "{type: Gauge, gauge: {labelsFromPath: {x: " + flow + "}}}",
            "{type: Info, info: {labelsFromPath: {x: " + flow + "}}}",
            "{type: StateSet, stateSet: {labelName: s, list: [a], labelsFromPath: {x: "
                + flow
                + "}}}");
    assertEquals(((List<?>) c.get("applies_to")).size(), blocks.size());
    for (String block : blocks) {
      List<ConfigProblem> problems = new ArrayList<>();
      KsmEachReader.read(node(block, problems));
      assertEquals(1, problems.size(), block);
      assertTrue(
          problems.get(0).message().contains((String) c.get("error_contains")),
          problems.get(0).toString());
    }
  }

  @Test
  void familyLabelsAreCommonLabelsAndLabelsFromThePath() {
    // Test_compiledFamily_BaseLabels: the family's labels hold wherever the each block adds none
    KsmMetric metric =
        new KsmMetric(
            new MetricFamily("m", "", io.crexporter.mapping.MetricType.INFO),
            Map.of("hello", "world"),
            labels(Map.of("foo", List.of("metadata", "annotations", "bar"))),
            each("{type: Info, info: {labelsFromPath: {version: [spec, version]}}}"));
    assertEquals(
        List.of("{foo=baz, hello=world, version=v0.0.0} 1.0"), evaluate(metric, new ArrayList<>()));
  }

  @Test
  void eachLabelsWinOverTheFamilyLabels() {
    // Test_eachValue_DefaultLabels: labels {foo: bar} over defaults {foo: baz, baz: quxx}
    KsmMetric metric =
        new KsmMetric(
            new MetricFamily("m", "", io.crexporter.mapping.MetricType.INFO),
            Map.of("foo", "baz", "baz", "quxx"),
            KsmLabels.NONE,
            each("{type: Info, info: {labelsFromPath: {foo: [metadata, labels, foo]}}}"));
    assertEquals(List.of("{baz=quxx, foo=bar} 1.0"), evaluate(metric, new ArrayList<>()));
  }

  private static KsmMetric metric(Object eachBlock, Map<String, String> common) {
    return new KsmMetric(
        new MetricFamily("m", "", io.crexporter.mapping.MetricType.GAUGE),
        common,
        KsmLabels.NONE,
        each(new Yaml().dump(eachBlock)));
  }

  private static io.crexporter.mapping.ksm.KsmEach each(String yaml) {
    List<ConfigProblem> problems = new ArrayList<>();
    var each = KsmEachReader.read(node(yaml, problems));
    assertEquals(List.of(), problems);
    return each.orElseThrow().each();
  }

  static ConfigNode node(String yaml, List<ConfigProblem> problems) {
    return new ConfigNode(
        Yamls.create().compose(new StringReader(yaml)),
        "test.yaml",
        "each",
        new ConfigNode.Findings(problems, new ArrayList<>()));
  }

  private static List<String> evaluate(KsmMetric metric, List<EvaluationError> errors) {
    List<Series> series = new ArrayList<>();
    metric.evaluate(CR, Map.of(), series, errors);
    return series.stream().map(s -> s.labels() + " " + s.value()).sorted().toList();
  }

  @SuppressWarnings("unchecked")
  private static List<String> expected(Object expected) {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> item : (List<Map<String, Object>>) expected) {
      Map<String, String> labels = new TreeMap<>();
      ((Map<String, Object>) item.get("labels")).forEach((k, v) -> labels.put(k, v.toString()));
      lines.add(labels + " " + ((Number) item.get("value")).doubleValue());
    }
    return lines.stream().sorted().toList();
  }

  @SuppressWarnings("unchecked")
  private static KsmLabels labels(Object map) {
    Map<String, KsmPath> paths = new TreeMap<>();
    ((Map<String, Object>) map).forEach((k, v) -> paths.put(k, KsmPath.compile(segments(v))));
    return new KsmLabels(paths);
  }

  @SuppressWarnings("unchecked")
  private static List<String> segments(Object path) {
    return ((List<Object>) path).stream().map(String::valueOf).toList();
  }
}
