package io.crexporter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.store.SeriesLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropLogTest {

  private final List<String> counted = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final DropLog log =
      new DropLog(
          SeriesLimits.DEFAULTS,
          (metric, reason, series) -> counted.add(metric + " " + reason.label() + " " + series),
          warnings::add);

  @Test
  void everyDropIsCountedAndEachEpisodeLoggedOnce() {
    log.dropped("a", SeriesLimits.Reason.METRIC_LIMIT, 3);
    log.dropped("a", SeriesLimits.Reason.METRIC_LIMIT, 2);
    log.fits("b");
    log.dropped("a", SeriesLimits.Reason.METRIC_LIMIT, 1);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).contains("metric a is at its limit of 1000000 series"), warnings.get(0));
    log.fits("a");
    log.dropped("a", SeriesLimits.Reason.METRIC_LIMIT, 1);
    assertEquals(2, warnings.size(), "a new episode");
    assertEquals(
        List.of("a metric_limit 3", "a metric_limit 2", "a metric_limit 1", "a metric_limit 1"),
        counted);
  }

  @Test
  void longLabelValuesAreLoggedOnceUntilTheMappingsAreLoadedAgain() {
    log.dropped("a", SeriesLimits.Reason.LABEL_VALUE_TOO_LONG, 1);
    log.fits("a");
    log.dropped("a", SeriesLimits.Reason.LABEL_VALUE_TOO_LONG, 1);
    assertEquals(1, warnings.size(), warnings.toString());
    log.reset(SeriesLimits.DEFAULTS);
    log.dropped("a", SeriesLimits.Reason.LABEL_VALUE_TOO_LONG, 1);
    assertEquals(2, warnings.size());
    assertEquals(3, counted.size());
  }
}
