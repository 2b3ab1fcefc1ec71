package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each answer of the API server means for a reader: resume, list again, or give up. */
class KubeApiExceptionTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          410 | ''                 | expired
          500 | Expired            | expired
          0   | Gone               | expired
          429 | TooManyRequests    | transient
          500 | InternalError      | transient
          503 | ServiceUnavailable | transient
          504 | Timeout            | transient
          401 | Unauthorized       | permanent
          403 | Forbidden          | permanent
          404 | NotFound           | permanent
          400 | BadRequest         | other
          422 | Invalid            | other
          """)
  void classifiesEachAnswer(int code, String reason, String expected) {
    KubeApiException e = new KubeApiException(code, reason, "message", null);
    String actual =
        e.isExpired()
            ? "expired"
            : e.isTransient() ? "transient" : e.isPermanent() ? "permanent" : "other";
    assertEquals(expected, actual);
  }

  @Test
  void aConnectionFailureIsTransient() {
    KubeApiException e = new KubeApiException("reset", new IOException("connection reset"));
    assertEquals(true, e.isConnectionFailure() && e.isTransient() && !e.isExpired());
  }

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
          2       | 2
          ' 17 '  | 17
          -5      | 0
          soon    | null
          ''      | null
          null    | null
          """)
  void readsRetryAfterInSeconds(String header, Long seconds) {
    Duration expected = seconds == null ? null : Duration.ofSeconds(seconds);
    assertEquals(expected, ApiRequests.retryAfter(header));
  }

  @Test
  void readsRetryAfterAsAnHttpDate() {
    String inTenSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
    long seconds = ApiRequests.retryAfter(inTenSeconds).toSeconds();
    assertEquals(true, seconds >= 8 && seconds <= 10, "about ten seconds: " + seconds);
  }
}
