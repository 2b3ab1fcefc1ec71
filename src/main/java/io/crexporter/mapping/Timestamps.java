package io.crexporter.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.OptionalDouble;

/**
 * The timestamps Kubernetes writes, {@code 2024-05-01T12:30:45Z}, read without a formatter: they
 * are most timestamp values, and the JDK's parser costs a microsecond each. Any other form (a
 * fraction, an offset) is left to {@code OffsetDateTime.parse}; tests compare both on every form.
 */
final class Timestamps {

  private Timestamps() {}

  /** Seconds since the epoch of {@code yyyy-MM-ddTHH:mm:ssZ}, or empty for any other text. */
  static OptionalDouble utcSeconds(String text) {
    if (text.length() != 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || (text.charAt(10) != 'T' && text.charAt(10) != 't')
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || (text.charAt(19) != 'Z' && text.charAt(19) != 'z')) {
      return OptionalDouble.empty();
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return OptionalDouble.empty();
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return OptionalDouble.of(days * 86_400 + hour * 3600 + minute * 60 + second);
    } catch (DateTimeException e) {
      // not a date (February 30th): the formatter decides, and refuses it too
      return OptionalDouble.empty();
    }
  }

  /** The number written by {@code length} ASCII digits at {@code from}, or -1. */
  private static int digits(String text, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
