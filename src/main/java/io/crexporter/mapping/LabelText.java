package io.crexporter.mapping;

import java.math.BigDecimal;
import java.util.Optional;

/** The text of a label value read from an object: scalars only; maps and lists have none. */
public final class LabelText {

  private LabelText() {}

  public static Optional<String> of(Object raw) {
    if (raw instanceof String text) {
      return Optional.of(text);
    }
    if (raw instanceof Boolean bool) {
      return Optional.of(bool.toString());
    }
    if (raw instanceof Double || raw instanceof Float) {
      double value = ((Number) raw).doubleValue();
      if (Double.isFinite(value)) {
        // 3.0 reads as "3" and 0.1 as "0.1", as in the object's own JSON
        return Optional.of(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
      }
      return Optional.of(Double.toString(value));
    }
    if (raw instanceof Number number) {
      return Optional.of(number.toString());
    }
    return Optional.empty();
  }
}
