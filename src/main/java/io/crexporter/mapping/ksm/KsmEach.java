package io.crexporter.mapping.ksm;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A kube-state-metrics {@code each} block: where in the object its series come from ({@code path}),
 * the labels read relative to that place, and how values are made. The quirks of kube-state-metrics
 * are kept on purpose, since series must not change when users switch: a map is iterated entry by
 * entry, labels of a map's entries are also read from the map itself, and a stateset whose value is
 * absent yields nothing.
 */
public sealed interface KsmEach {

  KsmPath path();

  KsmLabels labels();

  /** Adds the series and errors for {@code value}, the object's value at {@link #path()}. */
  void values(Object value, EachResult out);

  /** A number read from each selected value ({@code valueFrom} relative to it). */
  record Gauge(
      KsmPath path, KsmLabels labels, KsmPath valueFrom, String labelFromKey, boolean nilIsZero)
      implements KsmEach {

    @Override
    public void values(Object value, EachResult out) {
      if (value instanceof Map<?, ?> map) {
        new TreeMap<>(StringKeys.of(map)).forEach((key, item) -> entry(map, key, item, out));
      } else if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          Object item = list.get(i);
          Double number = number(item, "[" + i + "]: ", out);
          if (number != null) {
            labels.addTo(item, out.add(number));
          }
        }
      } else {
        Double number = number(value, "", out);
        if (number != null) {
          labels.addTo(value, out.add(number));
        }
      }
    }

    private void entry(Map<?, ?> map, String key, Object item, EachResult out) {
      Double number;
      List<String> single = valueFrom.segments();
      if (single.size() == 1 && !single.get(0).isEmpty() && single.get(0).equals(key)) {
        // valueFrom names this very entry of the map
        try {
          number = KsmValues.toFloat(item, nilIsZero);
        } catch (KsmValues.NotANumber e) {
          out.invalid(path + ": [" + key + "]: " + e.getMessage());
          return;
        }
      } else {
        // as in kube-state-metrics, an entry whose value cannot be read is skipped silently
        number = number(item, null, out);
      }
      if (number == null) {
        return;
      }
      Map<String, String> labelsOut = out.add(number);
      if (!key.isEmpty() && !labelFromKey.isEmpty()) {
        labelsOut.put(labelFromKey, key);
      }
      labels.addTo(item, labelsOut);
      labels.addTo(map, labelsOut);
    }

    /**
     * The value of one item, or null; errors are reported under {@code where} unless it is null.
     */
    private Double number(Object item, String where, EachResult out) {
      Object raw = valueFrom.get(item);
      if (raw == null) {
        if (nilIsZero) {
          return 0.0;
        }
        if (item == null && where != null) {
          out.missing(path + ": " + where + "got nil while resolving path");
        }
        return null;
      }
      try {
        return KsmValues.toFloat(raw, nilIsZero);
      } catch (KsmValues.NotANumber e) {
        if (where != null) {
          out.invalid(path + ": " + where + valueFrom + ": " + e.getMessage());
        }
        return null;
      }
    }
  }

  /**
   * Value 1 with labels. Without labels of its own (no {@code labelsFromPath}, no {@code
   * labelFromKey}) kube-state-metrics emits nothing; here the series is emitted, with the family's
   * labels, whenever the path resolves.
   */
  record Info(KsmPath path, KsmLabels labels, String labelFromKey) implements KsmEach {

    public boolean hasOwnLabels() {
      return !labels.isEmpty() || !labelFromKey.isEmpty();
    }

    @Override
    public void values(Object value, EachResult out) {
      if (!hasOwnLabels()) {
        if (value != null) {
          out.add(1);
        }
        return;
      }
      if (value instanceof List<?> list) {
        list.forEach(item -> single(item, out));
      } else if (value instanceof Map<?, ?> map) {
        single(map, out);
        new TreeMap<>(StringKeys.of(map))
            .forEach(
                (key, item) -> {
                  Map<String, String> found = new TreeMap<>();
                  if (!key.isEmpty() && !labelFromKey.isEmpty()) {
                    found.put(labelFromKey, key);
                  }
                  labels.addTo(item, found);
                  if (!found.isEmpty()) {
                    out.add(1).putAll(found);
                  }
                });
      } else {
        single(value, out);
      }
    }

    private void single(Object value, EachResult out) {
      if (value == null) {
        return;
      }
      Map<String, String> found = new TreeMap<>();
      labels.addTo(value, found);
      if (!found.isEmpty()) {
        out.add(1).putAll(found);
      }
    }
  }

  /** One series per listed state, 1 for the state the value names and 0 for the others. */
  record StateSet(
      KsmPath path, KsmLabels labels, KsmPath valueFrom, List<String> states, String labelName)
      implements KsmEach {

    public StateSet {
      states = List.copyOf(states);
    }

    @Override
    public void values(Object value, EachResult out) {
      if (value instanceof List<?> list) {
        list.forEach(item -> single(item, out));
      } else {
        single(value, out);
      }
    }

    private void single(Object value, EachResult out) {
      Object current = value == null ? null : valueFrom.get(value);
      if (current == null) {
        return;
      }
      if (!(current instanceof String text)) {
        out.invalid(
            path.then(valueFrom)
                + ": expected value for path to be string, got "
                + GoText.typeName(current));
        return;
      }
      for (String state : states) {
        Map<String, String> labelsOut = out.add(state.equals(text) ? 1 : 0);
        labelsOut.put(labelName, state);
        labels.addTo(value, labelsOut);
      }
    }
  }
}
