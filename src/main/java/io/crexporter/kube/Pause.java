package io.crexporter.kube;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A wait that another thread can cut short, for a reflector's back-off. */
final class Pause {

  private final Object lock = new Object();

  /**
   * Waits for {@code delay}, or until {@code over} holds after a {@link #wake()}.
   *
   * @return false when the thread was interrupted
   */
  boolean sleep(Duration delay, BooleanSupplier over) {
    long deadline = System.nanoTime() + delay.toNanos();
    synchronized (lock) {
      long left;
      while (!over.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  void wake() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }
}
