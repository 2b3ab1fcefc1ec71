package io.crexporter.mapping;

/**
 * What a mapped metric means; every type is exposed as a gauge so that names are never rewritten.
 */
public enum MetricType {
  /** Value 1, identity and slowly changing facts in labels. */
  INFO,
  /** A number read from the object, or a constant. */
  GAUGE,
  /** One series per declared state: 1 for the current state, 0 for the others. */
  STATESET,
  /** Aggregated across objects: the number of objects (or elements) per distinct label set. */
  COUNT;

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
