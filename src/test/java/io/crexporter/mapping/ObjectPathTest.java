package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.config.Yamls;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectPathTest {

  private static final Map<String, Object> OBJECT =
      Yamls.create()
          .load(
              """
              apiVersion: kpack.io/v1alpha2
              kind: Build
              metadata:
                name: build-1
                namespace: apps
                labels:
                  image.kpack.io/buildNumber: "7"
                  app: web
              spec:
                tags: [registry/app, registry/app:b7]
                replicas: 3
                paused: false
              status:
                conditions:
                  - {type: Ready, status: "False", reason: Failed}
                  - {type: Succeeded, status: "True", lastTransitionTime: "2024-05-06T14:05:47Z"}
                  - {type: Succeeded, status: "False"}
                buildMetadata:
                  - {id: paketo/java, version: 1.0.0}
                  - {id: paketo/node, version: 2.0.0}
                empty: []
                nothing: null
              """);

  static Stream<Arguments> firstValues() {
    return Stream.of(
        Arguments.of("$.metadata.name", "build-1"),
        Arguments.of("$['metadata']['namespace']", "apps"),
        Arguments.of("$.metadata.labels['image.kpack.io/buildNumber']", "7"),
        Arguments.of("$.spec.tags[0]", "registry/app"),
        Arguments.of("$.spec.tags[-1]", "registry/app:b7"),
        Arguments.of("$.spec.replicas", 3),
        Arguments.of("$.spec.paused", false),
        Arguments.of("$.status.conditions[?(@.type == 'Ready')].status", "False"),
        // a filter matching several elements yields the first
        Arguments.of("$.status.conditions[?(@.type == 'Succeeded')].status", "True"),
        Arguments.of("$.status.conditions[*].type", "Ready"),
        Arguments.of("$..version", "1.0.0"),
        // functions yield one value
        Arguments.of("$.status.buildMetadata.length()", 2),
        Arguments.of("$.spec.tags.length()", 2),
        Arguments.of("$.status.empty.length()", 0),
        Arguments.of("$.status.missing.length()", null),
        // selects nothing
        Arguments.of("$.metadata.missing", null),
        Arguments.of("$.spec.tags[5]", null),
        Arguments.of("$.status.nothing", null),
        Arguments.of("$.status.conditions[?(@.type == 'Other')].status", null),
        Arguments.of("$.metadata.name.deeper", null),
        Arguments.of("$.spec.tags.name", null));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("firstValues")
  void readsTheFirstSelectedValue(String expression, Object expected) {
    assertEquals(
        java.util.Optional.ofNullable(expected),
        ObjectPath.compile(expression).readFirst(OBJECT, OBJECT));
  }

  static Stream<Arguments> elements() {
    return Stream.of(
        Arguments.of("$.status.conditions[*]", 3),
        Arguments.of("$.status.conditions", 3),
        Arguments.of("$.status.conditions[?(@.status == 'False')]", 2),
        Arguments.of("$.status.buildMetadata[*]", 2),
        Arguments.of("$.status.empty[*]", 0),
        Arguments.of("$.status.empty", 0),
        Arguments.of("$.status.missing[*]", 0),
        Arguments.of("$.metadata", 1),
        Arguments.of("$.metadata.labels.*", 2),
        Arguments.of("$.metadata.labels.keys()", 2));
  }

  @ParameterizedTest(name = "each {0} -> {1} elements")
  @MethodSource("elements")
  void readsElementsToIterate(String expression, int count) {
    assertEquals(count, ObjectPath.compile(expression).readElements(OBJECT, OBJECT).size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("relativePaths")
  void readsRelativePathsFromTheElement(String expression, Object expected) {
    Object element = Map.of("type", "Ready", "status", "True", "nested", Map.of("x", 1));
    assertEquals(
        java.util.Optional.ofNullable(expected),
        ObjectPath.compile(expression).readFirst(OBJECT, element));
    assertTrue(ObjectPath.compile(expression).isRelative());
  }

  static Stream<Arguments> relativePaths() {
    return Stream.of(
        Arguments.of("@.type", "Ready"),
        Arguments.of("@['status']", "True"),
        Arguments.of("@.nested.x", 1),
        Arguments.of("@.absent", null));
  }

  static Stream<Arguments> invalidPaths() {
    return Stream.of(
        Arguments.of("metadata.name", "must start with '$'"),
        Arguments.of("$.status.conditions[?(@.type == 'Ready')", "invalid JSONPath"),
        Arguments.of("$.a['b'", "invalid JSONPath"),
        Arguments.of("$.a[1:x]", "invalid JSONPath"),
        Arguments.of("", "must start with '$'"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidPaths")
  void rejectsInvalidPathsWithAClearMessage(String expression, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ObjectPath.compile(expression));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void isTotalOnOddDocuments() {
    ObjectPath path = ObjectPath.compile("$.status.conditions[?(@.type == 'Ready')].status");
    assertEquals(List.of(), path.readAll("not an object", "x"));
    assertEquals(List.of(), path.readAll(List.of(1, 2), null));
    assertEquals(List.of(), path.readAll(Map.of("status", "text"), null));
  }
}
