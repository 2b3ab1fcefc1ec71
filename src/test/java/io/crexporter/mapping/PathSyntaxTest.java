package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathSyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$.kind",
        "$.status.conditions[?(@.type == 'Ready')].status",
        "$.status.conditions[?(@.message == 'a ] b ) c')].status",
        "$['metadata']['a(b']",
        "$.spec.containers[*].image",
        "$.spec.containers.length()",
        "$.status.items[?(@.n > 1)].n.sum()",
        "$..image",
        "$.a[\"x\\\"]\"]",
      })
  void acceptsWhatJaywayReadsAsWritten(String path) {
    ObjectPath.compile(path);
    PathSyntax.check(path);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$.kind[|'[' is not closed",
        "$.x.foo()|there is no function foo()",
        "$.x.lenght()|there is no function lenght()",
      })
  void refusesWhatJaywayWouldReadOtherwiseOrFailOnLater(String path, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ObjectPath.compile(path));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().startsWith("invalid JSONPath '" + path + "'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"$.a]", "$.a)"})
  void closingWhatWasNotOpened(String path) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PathSyntax.check(path));
    assertEquals(
        "'" + path.charAt(path.length() - 1) + "' at position 3 closes nothing", e.getMessage());
  }
}
