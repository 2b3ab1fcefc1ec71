package io.crexporter;

import java.time.Duration;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * Bounded waiting for something that happens asynchronously (Prometheus starting, a scrape picking
 * up an edited file). Every wait has a deadline, and a timeout reports the last value seen so that
 * a failure says what was observed rather than only that time ran out.
 */
public final class Polling {

  private static final Duration INTERVAL = Duration.ofMillis(200);

  /** Like {@link java.util.concurrent.Callable} but lets the probe throw anything. */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  private Polling() {}

  /**
   * Calls {@code probe} until {@code done} accepts its result and returns that result. Exceptions
   * from the probe count as "not yet" (a server that is still starting refuses connections).
   *
   * @throws AssertionFailedError when the timeout passes first
   */
  public static <T> T until(
      Duration timeout, String what, Probe<T> probe, Predicate<? super T> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    Exception lastError = null;
    while (true) {
      try {
        last = probe.get();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        lastError = e;
      }
      if (System.nanoTime() - deadline > 0) {
        String message =
            "timed out after "
                + timeout.toSeconds()
                + "s waiting for "
                + what
                + "; last value: "
                + last
                + (lastError == null ? "" : "; last error: " + lastError);
        throw new AssertionFailedError(message, lastError);
      }
      Thread.sleep(INTERVAL.toMillis());
    }
  }
}
