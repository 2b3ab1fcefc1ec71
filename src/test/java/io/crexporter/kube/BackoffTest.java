package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** client-go's reflector back-off, on a clock and a random source the test controls. */
class BackoffTest {

  private final AtomicLong now = new AtomicLong();
  private double random = 0;

  private Backoff backoff() {
    return new Backoff(
        Duration.ofMillis(800),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        now::get,
        () -> random);
  }

  private List<Long> delays(Backoff backoff, int n, Duration apart) {
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      delays.add(backoff.next().toMillis());
      now.addAndGet(apart.toNanos());
    }
    return delays;
  }

  @Test
  void doublesFrom800MillisecondsUpTo30Seconds() {
    assertEquals(
        List.of(800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L),
        delays(backoff(), 8, Duration.ofSeconds(1)));
  }

  @Test
  void jitterStretchesEachDelayByUpToItsWholeLength() {
    random = 0.999;
    assertEquals(List.of(1599L, 3198L), delays(backoff(), 2, Duration.ofSeconds(1)));
    random = 0.5;
    Backoff capped = backoff();
    delays(capped, 7, Duration.ofSeconds(1));
    assertEquals(45_000L, capped.next().toMillis(), "the cap applies before the jitter");
  }

  @Test
  void startsOverOnlyAfterTwoMinutesWithoutAFailure() {
    Backoff backoff = backoff();
    assertEquals(List.of(800L, 1600L, 3200L), delays(backoff, 3, Duration.ofSeconds(119)));
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertEquals(800L, backoff.next().toMillis(), "two minutes after the last failure");
  }

  @ParameterizedTest(name = "Retry-After {0} ms: waits {1} ms")
  @CsvSource({"0, 800", "500, 800", "2000, 2000", "300000, 300000", "3600000, 300000"})
  void waitsAsLongAsTheServerAsksUpToFiveMinutes(long askedMillis, long expectedMillis) {
    Backoff backoff = backoff();
    assertEquals(expectedMillis, backoff.next(Duration.ofMillis(askedMillis)).toMillis());
    assertEquals(1600L, backoff.next().toMillis(), "an answered wait still counts as a failure");
  }
}
