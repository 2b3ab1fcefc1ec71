package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The number and timestamp readers that skip the regex and the JDK's formatter agree with them on
 * every input: a table of awkward ones and many random ones.
 */
class FastParsersTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-0",
        "+1",
        "1.",
        ".5",
        "1.5e3",
        "1E-7",
        "-.5e+2",
        "1e",
        "e5",
        ".",
        "+",
        "-",
        "",
        "1.2.3",
        "0x1p3",
        "NaN",
        "Infinity",
        "1d",
        "1f",
        "١٢",
        "12a",
        " 1",
        "1 ",
        "00012",
        "1e+",
        "99999999999999999999999999999999999999999999999999"
      })
  void decimalsAreWhatTheRegexMatches(String text) {
    assertEquals(
        ValueConverter.DECIMAL.matcher(text).matches(), ValueConverter.isDecimal(text), text);
  }

  @Test
  void randomDecimals() {
    Random random = new Random(7);
    String alphabet = "0123456789.+-eE x";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(7); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate = text.toString();
      assertEquals(
          ValueConverter.DECIMAL.matcher(candidate).matches(),
          ValueConverter.isDecimal(candidate),
          candidate);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-05-01T12:30:45Z",
        "2024-05-01t12:30:45z",
        "1970-01-01T00:00:00Z",
        "2000-02-29T23:59:59Z",
        "2001-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-04-31T00:00:00Z",
        "2024-05-01T24:00:00Z",
        "2024-05-01T23:60:00Z",
        "2024-05-01T23:59:60Z",
        "2024-05-01 12:30:45Z",
        "2024-05-01T12:30:45+02:00",
        "2024-05-01T12:30:45.123Z",
        "2024-05-01T12:30:45.5-07:30",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "2024-5-01T12:30:45Z",
        "20240501T123045Z",
        "2024-05-01T12:30Z",
        "2024-05-01",
        "yesterday",
        "2024-05-01T12:30:45",
        "2024-05-01T12:30:4aZ"
      })
  void timestampsAreWhatTheJdkReads(String text) {
    assertEquals(reference(text), ValueConverter.timestamp(text), text);
  }

  @Test
  void randomTimestamps() {
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      String text =
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02dZ",
              random.nextInt(10000),
              random.nextInt(14),
              random.nextInt(33),
              random.nextInt(26),
              random.nextInt(62),
              random.nextInt(62));
      assertEquals(reference(text), ValueConverter.timestamp(text), text);
    }
  }

  private static OptionalDouble reference(String text) {
    try {
      OffsetDateTime time = OffsetDateTime.parse(text.trim());
      return OptionalDouble.of(time.toEpochSecond() + time.getNano() / 1e9);
    } catch (DateTimeParseException e) {
      return OptionalDouble.empty();
    }
  }
}
