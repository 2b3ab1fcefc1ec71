package io.crexporter.mapping.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kube-state-metrics' value conversion and Go's spelling of values, case by case. */
class KsmValuesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true                   | 1",
        "Yes                    | 1",
        "False                  | 0",
        "no                     | 0",
        "Unknown                | 0",
        "2022-06-28T00:00:00Z   | 1656374400",
        "2022-06-28T00:00:00.9Z | 1656374400",
        "2022-06-28T02:00:00+02:00 | 1656374400",
        "250m                   | 0.25",
        "5Gi                    | 5368709120",
        "1.5k                   | 1500",
        "1e3                    | 1000",
        "123                    | 123",
        "-4.5                   | -4.5",
        "28%                    | 0.28",
        "NaN                    | NaN",
        "+Inf                   | Infinity",
        "-infinity              | -Infinity",
      })
  void stringsConvertInKubeStateMetricsOrder(String text, double expected) throws Exception {
    assertEquals(expected, KsmValues.toFloat(text, false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "abc        | strconv.ParseFloat: parsing \"abc\": invalid syntax",
        "' 1'       | strconv.ParseFloat: parsing \" 1\": invalid syntax",
        "2.5%       | strconv.ParseFloat: parsing \"2.5%\": invalid syntax",
      })
  void otherStringsAreErrorsWordedLikeGo(String text, String message) {
    var error = assertThrows(KsmValues.NotANumber.class, () -> KsmValues.toFloat(text, false));
    assertEquals(message, error.getMessage());
  }

  @Test
  void nonStringValues() throws Exception {
    assertEquals(1, KsmValues.toFloat(true, false));
    assertEquals(0, KsmValues.toFloat(false, false));
    assertEquals(7, KsmValues.toFloat(7L, false));
    assertEquals(0.5, KsmValues.toFloat(0.5, false));
    assertEquals(0, KsmValues.toFloat(null, true));
    assertEquals(
        "expected number but found nil value",
        assertThrows(KsmValues.NotANumber.class, () -> KsmValues.toFloat(null, false))
            .getMessage());
    assertEquals(
        "expected number but was map[a:1]",
        assertThrows(KsmValues.NotANumber.class, () -> KsmValues.toFloat(Map.of("a", 1L), false))
            .getMessage());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1656374400, 1.6563744e+09",
    "1234567, 1.234567e+06",
    "1000000, 1e+06",
    "123456, 123456",
    "100000, 100000",
    "43.21, 43.21",
    "0.1, 0.1",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "0.000012345, 1.2345e-05",
    "5.36870912E9, 5.36870912e+09",
    "1e21, 1e+21",
    "-1, -1",
    "0, 0",
    "1, 1",
    "0.3333333333333333, 0.3333333333333333",
    "123456789012345680000, 1.2345678901234568e+20",
    "NaN, NaN",
    "Infinity, +Inf",
    "-Infinity, -Inf",
  })
  void floatsAreSpelledAsGoSpellsThem(double value, String text) {
    assertEquals(text, GoText.formatFloat(value));
  }

  @Test
  void labelValuesAreGoPercentV() {
    assertEquals("bar", GoText.of("bar"));
    assertEquals("true", GoText.of(true));
    assertEquals("3", GoText.of(3L));
    assertEquals("3", GoText.of(3.0));
    assertEquals("1.5e+06", GoText.of(1500000.0));
    assertEquals("map[a:1 b:[x y]]", GoText.of(Map.of("b", List.of("x", "y"), "a", 1L)));
    assertEquals("[]", GoText.of(List.of()));
    assertEquals("<nil>", GoText.of(null));
  }

  @Test
  void goTypeNamesForMessages() {
    assertEquals("float64", GoText.typeName(1.0));
    assertEquals("int64", GoText.typeName(1L));
    assertEquals("bool", GoText.typeName(true));
    assertEquals("map[string]interface {}", GoText.typeName(Map.of()));
    assertEquals("[]interface {}", GoText.typeName(List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "status,conditions,[name=a],value      | 45",
        "status,conditions,[value=66],name     | b",
        "spec,order,[id=3],value               | false",
        "spec,order,[value=false],id           | 3",
        "spec,order,-1,id                      | 3",
        "spec,order,2,id                       | ",
        "spec,order,-3,id                      | ",
        "spec,order,x,id                       | ",
        "metadata,name=foo                     | foo",
        "metadata,name=bar                     | ",
        "status,conditions,[status=true],name  | c",
      })
  void pathLookups(String path, String expected) {
    Map<String, Object> object =
        Map.of(
            "metadata", Map.of("name", "foo"),
            "spec",
                List.of(Map.of("id", 1L, "value", true), Map.of("id", 3L, "value", false)).stream()
                    .collect(
                        java.util.stream.Collectors.collectingAndThen(
                            java.util.stream.Collectors.toList(), l -> Map.of("order", l))),
            "status",
                Map.of(
                    "conditions",
                    List.of(
                        Map.of("name", "a", "value", 45L),
                        Map.of("name", "b", "value", 66L),
                        Map.of("name", "c", "status", "True"))));
    Object found = KsmPath.compile(List.of(path.split(","))).get(object);
    assertEquals(expected, found == null ? null : GoText.of(found));
  }
}
