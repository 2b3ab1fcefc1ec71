package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueConverterTest {

  @ParameterizedTest(name = "{1} ''{0}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // auto: number first
        "42            | AUTO      | 42",
        "-1.5          | AUTO      | -1.5",
        "1e3           | AUTO      | 1000",
        "+.5           | AUTO      | 0.5",
        // auto: booleans and condition statuses
        "true          | AUTO      | 1",
        "True          | AUTO      | 1",
        "yes           | AUTO      | 1",
        "false         | AUTO      | 0",
        "False         | AUTO      | 0",
        "no            | AUTO      | 0",
        "Unknown       | AUTO      | NaN",
        // auto: RFC 3339 timestamps
        "2024-05-06T14:05:47Z          | AUTO | 1715004347",
        "2024-05-06T14:05:47.250Z      | AUTO | 1715004347.25",
        "2024-05-06T16:05:47+02:00     | AUTO | 1715004347",
        // auto: percentages, then durations, then quantities
        "85%           | AUTO      | 0.85",
        "12.5%         | AUTO      | 0.125",
        "1h30m         | AUTO      | 5400",
        "90s           | AUTO      | 90",
        "5m0s          | AUTO      | 300",
        "5m            | AUTO      | 300",
        "5Gi           | AUTO      | 5368709120",
        "1.5k          | AUTO      | 1500",
        "250u          | AUTO      | 0.00025",
        // unconvertible
        "hello         | AUTO      | EMPTY",
        "''            | AUTO      | EMPTY",
        "1.2.3         | AUTO      | EMPTY",
        "0x10          | AUTO      | EMPTY",
        "1d            | AUTO      | EMPTY",
        // number
        "7             | NUMBER    | 7",
        "3.25          | NUMBER    | 3.25",
        "7%            | NUMBER    | EMPTY",
        "true          | NUMBER    | EMPTY",
        "NaN           | NUMBER    | EMPTY",
        // bool
        "YES           | BOOL      | 1",
        "No            | BOOL      | 0",
        "unknown       | BOOL      | NaN",
        "1             | BOOL      | EMPTY",
        // timestamp
        "2022-02-14T11:23:36Z          | TIMESTAMP | 1644837816",
        "1970-01-01T00:00:00Z          | TIMESTAMP | 0",
        "2022-02-14                    | TIMESTAMP | EMPTY",
        "yesterday                     | TIMESTAMP | EMPTY",
        // duration (Go syntax)
        "1h            | DURATION  | 3600",
        "1.5h          | DURATION  | 5400",
        "300ms         | DURATION  | 0.3",
        "2m30.5s       | DURATION  | 150.5",
        "10us          | DURATION  | 0.00001",
        "-1m           | DURATION  | -60",
        "0             | DURATION  | 0",
        "1h30          | DURATION  | EMPTY",
        "h             | DURATION  | EMPTY",
        "1d            | DURATION  | EMPTY",
        // quantity (Kubernetes)
        "250m          | QUANTITY  | 0.25",
        "5m            | QUANTITY  | 0.005",
        "5Gi           | QUANTITY  | 5368709120",
        "128Mi         | QUANTITY  | 134217728",
        "1Ki           | QUANTITY  | 1024",
        "2G            | QUANTITY  | 2000000000",
        "100n          | QUANTITY  | 0.0000001",
        "1E            | QUANTITY  | 1000000000000000000",
        "2e3           | QUANTITY  | 2000",
        "1.5E-2        | QUANTITY  | 0.015",
        "10            | QUANTITY  | 10",
        "5GB           | QUANTITY  | EMPTY",
        "Gi            | QUANTITY  | EMPTY",
        // percent
        "28%           | PERCENT   | 0.28",
        "100%          | PERCENT   | 1",
        "-5%           | PERCENT   | -0.05",
        "28            | PERCENT   | EMPTY",
        "%             | PERCENT   | EMPTY",
        // ksm: kube-state-metrics' order, where Unknown is 0 and 'm' is milli, never minutes
        "Unknown       | KSM       | 0",
        "yes           | KSM       | 1",
        "100m          | KSM       | 0.1",
        "5m            | KSM       | 0.005",
        "1h            | KSM       | EMPTY",
        "2022-02-14T11:23:36.5Z        | KSM | 1644837816",
        "85%           | KSM       | 0.85",
        "12.5%         | KSM       | EMPTY",
        "1e3           | KSM       | 1000",
        "NaN           | KSM       | NaN",
      })
  void convertsStrings(String raw, ValueType type, String expected) {
    String text = raw.equals("''") ? "" : raw;
    assertConverted(expected, ValueConverter.convert(text, type));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"AUTO", "NUMBER", "BOOL", "TIMESTAMP", "DURATION", "QUANTITY", "PERCENT", "KSM"})
  void takesJsonNumbersAsTheyAre(ValueType type) {
    assertConverted("12", ValueConverter.convert(12, type));
    assertConverted("2.5", ValueConverter.convert(2.5d, type));
    assertConverted("9000000000", ValueConverter.convert(9_000_000_000L, type));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "AUTO, 1",
    "BOOL, 1",
    "KSM, 1",
    "NUMBER, EMPTY",
    "TIMESTAMP, EMPTY",
    "QUANTITY, EMPTY"
  })
  void readsJsonBooleansOnlyAsBooleans(ValueType type, String expected) {
    assertConverted(expected, ValueConverter.convert(true, type));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"AUTO", "NUMBER", "BOOL"})
  void hasNoValueForMapsAndLists(ValueType type) {
    assertTrue(ValueConverter.convert(java.util.Map.of("a", 1), type).isEmpty());
    assertTrue(ValueConverter.convert(java.util.List.of(1), type).isEmpty());
  }

  private static void assertConverted(String expected, OptionalDouble actual) {
    if ("EMPTY".equals(expected)) {
      assertTrue(actual.isEmpty(), () -> "expected no value, got " + actual);
      return;
    }
    assertTrue(actual.isPresent(), () -> "expected " + expected + ", got no value");
    double want = Double.parseDouble(expected);
    if (Double.isNaN(want)) {
      assertTrue(Double.isNaN(actual.getAsDouble()), () -> "expected NaN, got " + actual);
    } else {
      assertEquals(want, actual.getAsDouble(), Math.abs(want) * 1e-12 + 1e-15);
    }
  }
}
