package io.crexporter.mapping;

/** Why one series of one object could not be computed. */
public record EvaluationError(String metric, Reason reason, String detail) {

  public enum Reason {
    /** The value path selected nothing and {@code nilIsZero} is off. */
    MISSING,
    /** The value was there but could not be read as the metric's value type or states. */
    INVALID;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
