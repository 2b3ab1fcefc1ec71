package io.crexporter.mapping;

import java.util.List;
import java.util.Optional;

/**
 * One level of a metric's {@code each}: what it iterates, read from the enclosing element (the
 * object at the first level), and the labels read from each of its elements.
 *
 * @param source a path, or an expression giving a list or a map
 * @param keyLabel when the source selects one map, its entries are iterated and this label holds
 *     each entry's key
 */
public record EachLevel(ValueRef source, List<LabelSource> labels, Optional<String> keyLabel) {

  public EachLevel {
    labels = LabelSource.inApplyOrder(labels);
  }

  /** A level of its own, as a metric's single {@code each} is. */
  public static EachLevel of(ObjectPath path, Optional<String> keyLabel) {
    return new EachLevel(new ValueRef.PathRef(path), List.of(), keyLabel);
  }
}
