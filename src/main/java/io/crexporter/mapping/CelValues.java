package io.crexporter.mapping;

import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Objects as CEL sees them, and CEL's results as the rest of the mapping does. CEL knows 64-bit
 * integers and doubles only, so other numbers are widened; maps and lists are wrapped, not copied,
 * so that an expression pays only for the fields it reads.
 */
final class CelValues {

  private CelValues() {}

  static Object toCel(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double) {
      return value;
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      return new MapView(map);
    }
    if (value instanceof List<?> list) {
      return new ListView(list);
    }
    return String.valueOf(value);
  }

  /**
   * A result as a value read from an object: null is nothing; timestamps are seconds since the
   * epoch and durations seconds, as the value types {@code timestamp} and {@code duration} give.
   */
  static Optional<Object> fromCel(Object result) {
    if (result == null || result instanceof NullValue) {
      return Optional.empty();
    }
    if (result instanceof com.google.protobuf.NullValue) {
      return Optional.empty();
    }
    if (result instanceof Instant instant) {
      return Optional.of(instant.getEpochSecond() + instant.getNano() / 1e9);
    }
    if (result instanceof Duration duration) {
      return Optional.of(duration.getSeconds() + duration.getNano() / 1e9);
    }
    if (result instanceof com.google.protobuf.Timestamp t) {
      return Optional.of(t.getSeconds() + t.getNanos() / 1e9);
    }
    if (result instanceof com.google.protobuf.Duration d) {
      return Optional.of(d.getSeconds() + d.getNanos() / 1e9);
    }
    if (result instanceof MapView view) {
      return Optional.of(view.map);
    }
    if (result instanceof ListView view) {
      return Optional.of(view.list);
    }
    if (result instanceof dev.cel.common.values.CelByteString) {
      return Optional.empty();
    }
    return Optional.of(result);
  }

  private static final class MapView extends AbstractMap<Object, Object> {
    private final Map<?, ?> map;

    MapView(Map<?, ?> map) {
      this.map = map;
    }

    @Override
    public Object get(Object key) {
      Object value = map.get(key);
      return value == null && !map.containsKey(key) ? null : toCel(value);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<Object, Object>> iterator() {
          Iterator<? extends Entry<?, ?>> entries = map.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return entries.hasNext();
            }

            @Override
            public Entry<Object, Object> next() {
              Entry<?, ?> entry = entries.next();
              return new SimpleImmutableEntry<>(
                  String.valueOf(entry.getKey()), toCel(entry.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return map.size();
        }
      };
    }
  }

  private static final class ListView extends AbstractList<Object> {
    private final List<?> list;

    ListView(List<?> list) {
      this.list = list;
    }

    @Override
    public Object get(int index) {
      return toCel(list.get(index));
    }

    @Override
    public int size() {
      return list.size();
    }
  }
}
