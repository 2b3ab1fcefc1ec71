package io.crexporter.kube;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Delays between attempts against an API server that is failing, as client-go's reflector spaces
 * them: the first delay, doubled per failure up to a cap, each stretched by up to 100 % at random
 * so that many clients do not retry in step. The sequence starts again only after a healthy period,
 * a failure long after the previous one, so that a loop in which one step succeeds and the next
 * fails (list allowed, watch forbidden) still slows down. A server that says how long to wait
 * ({@code Retry-After}) is waited for, up to five minutes.
 */
final class Backoff {

  /** The longest wait a server may ask for: a proxy's bad header cannot stop a reader for hours. */
  static final Duration MAX_ASKED = Duration.ofMinutes(5);

  private final long initialNanos;
  private final long maxNanos;
  private final long resetNanos;
  private final LongSupplier clock;
  private final DoubleSupplier random;
  private long nextNanos;
  private long lastFailure;
  private boolean failedBefore;

  Backoff(KubeSettings settings) {
    this(
        settings.initialBackoff(),
        settings.maxBackoff(),
        settings.backoffReset(),
        System::nanoTime,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  Backoff(
      Duration initial, Duration max, Duration reset, LongSupplier clock, DoubleSupplier random) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.resetNanos = reset.toNanos();
    this.clock = clock;
    this.random = random;
    this.nextNanos = initialNanos;
  }

  /** Records a failure now and returns how long to wait before the next attempt. */
  Duration next() {
    return next(Duration.ZERO);
  }

  /** Same, never shorter than what the server asked for, up to {@link #MAX_ASKED}. */
  synchronized Duration next(Duration asked) {
    long now = clock.getAsLong();
    if (failedBefore && now - lastFailure >= resetNanos) {
      nextNanos = initialNanos;
    }
    failedBefore = true;
    lastFailure = now;
    long base = nextNanos;
    nextNanos = Math.min(maxNanos, nextNanos * 2);
    Duration delay = Duration.ofNanos(base + (long) (random.getAsDouble() * base));
    Duration honoured = asked.compareTo(MAX_ASKED) > 0 ? MAX_ASKED : asked;
    return honoured.compareTo(delay) > 0 ? honoured : delay;
  }
}
