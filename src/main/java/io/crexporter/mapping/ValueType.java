package io.crexporter.mapping;

import java.util.Locale;
import java.util.Optional;

/** How a raw value read from an object becomes a sample value. */
public enum ValueType {
  AUTO,
  NUMBER,
  BOOL,
  TIMESTAMP,
  DURATION,
  QUANTITY,
  PERCENT,
  /** 1 when the value is there and not empty (not "", [] or {}), 0 otherwise. */
  PRESENT,
  /** kube-state-metrics' conversions, so that a converted configuration keeps its values. */
  KSM;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ValueType> fromConfigName(String name) {
    for (ValueType type : values()) {
      if (type.configName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
