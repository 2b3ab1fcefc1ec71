package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.Fixtures;
import io.crexporter.TestConfigs;
import io.crexporter.config.Yamls;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Paths read by walking the object select exactly what Jayway selects: every path written in the
 * shipped mappings, read at every node of every fixture object, and a table of awkward cases.
 */
class DirectPathTest {

  private static final Pattern PATH = Pattern.compile("[\"']?([$@][^\"'\\n#]*)");

  private static final Object DOCUMENT =
      TestConfigs.object(
          """
          metadata: {name: n, labels: {"a.b": x, "with space": y, empty: "", nothing: null}}
          spec: {replicas: 3, flag: false, list: [1, null, {k: v}, [7, 8]], map: {x: 1, y: null}}
          status:
            conditions:
              - {type: Ready, status: "True"}
              - {type: Stalled, status: "False", reason: ""}
            nested: [[a, b], [c]]
          """);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          $.metadata.name
          $.metadata.missing
          $.metadata.labels['a.b']
          $.metadata.labels['with space']
          $.metadata.labels.empty
          $.metadata.labels.nothing
          $.spec.replicas
          $.spec.flag
          $.spec.replicas.deeper
          $.spec.list[0]
          $.spec.list[1]
          $.spec.list[2].k
          $.spec.list[3][1]
          $.spec.list[9]
          $.spec.list.k
          $.spec.map[0]
          $.spec.map[*]
          $.spec.list[*]
          $.spec.replicas[*]
          $.status.conditions[*]
          $.status.conditions[*].type
          $.status.conditions[-1]
          $.status.conditions[?(@.type == 'Ready')].status
          $.status.nested[1][0]
          $.status.nested[*][0]
          $.status
          $
          $[*]
          $.spec.map.y
          """)
  void selectsWhatJaywaySelects(String expression) {
    ObjectPath path = ObjectPath.compile(expression);
    assertEquals(path.readWithJayway(DOCUMENT), path.readAll(DOCUMENT, DOCUMENT), expression);
    List<Object> all = path.readWithJayway(DOCUMENT);
    assertEquals(
        all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get(0)),
        path.readFirst(DOCUMENT, DOCUMENT));
  }

  @Test
  void theCommonFormsAreReadDirectly() {
    for (String direct :
        List.of("$.a.b", "$['a.b'].c", "$.a[0].b", "@.type", "$.a[*]", "$.a[3][4]", "$")) {
      assertTrue(ObjectPath.compile(direct).isDirect(), direct);
    }
    for (String jayway :
        List.of("$.a[-1]", "$.a[?(@.x)]", "$..b", "$.a[0:2]", "$.a[*].b", "$.a.length()")) {
      assertTrue(!ObjectPath.compile(jayway).isDirect(), jayway);
    }
  }

  /** Every path of every shipped mapping, at every node of every fixture. */
  @Test
  void everyShippedPathAtEveryFixtureNode() throws Exception {
    Set<String> expressions = new TreeSet<>();
    for (Path mapping : Fixtures.mappingFiles()) {
      Matcher matcher = PATH.matcher(Files.readString(mapping));
      while (matcher.find()) {
        String text = matcher.group(1).trim();
        try {
          ObjectPath.compile(text);
          expressions.add(text);
        } catch (IllegalArgumentException notAPath) {
          // text that starts like a path in a comment or help
        }
      }
    }
    assertTrue(expressions.size() > 100, "paths found: " + expressions.size());
    int direct = 0;
    int compared = 0;
    for (String expression : expressions) {
      ObjectPath path = ObjectPath.compile(expression);
      direct += path.isDirect() ? 1 : 0;
      for (Path fixture : Fixtures.files()) {
        for (Object node : nodes(fixture)) {
          assertEquals(
              path.readWithJayway(node), path.readAll(node, node), expression + " in " + fixture);
          compared++;
        }
      }
    }
    assertTrue(direct > expressions.size() / 2, direct + " of " + expressions.size() + " direct");
    assertTrue(compared > 100_000, "comparisons: " + compared);
  }

  /** The objects of a fixture file and every map and list inside them. */
  private static List<Object> nodes(Path fixture) throws Exception {
    List<Object> nodes = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(fixture)) {
      for (Object document : Yamls.create().loadAll(reader)) {
        collect(document, nodes);
      }
    }
    return nodes;
  }

  private static void collect(Object node, List<Object> into) {
    if (node instanceof Map<?, ?> map) {
      into.add(map);
      map.values().forEach(value -> collect(value, into));
    } else if (node instanceof List<?> list) {
      into.add(list);
      list.forEach(item -> collect(item, into));
    }
  }
}
