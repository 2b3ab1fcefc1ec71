package io.crexporter.store;

/**
 * Keeps each metric, and the store, within its limits as objects come: an object whose series of a
 * metric would take the metric (or the store) beyond its limit keeps none of that metric, and the
 * others are left as they are. An object that does not add series is never refused, so that objects
 * holding series keep them, in whatever order updates come; space freed by objects that go is taken
 * by the next objects to add series. Runs inside the store's writer lock.
 */
final class SeriesBudget {

  private SeriesBudget() {}

  /**
   * The part of {@code next} that fits, given what the object had before.
   *
   * @param columns the store's columns, by family id
   */
  static RenderedObject admit(
      Rendering before,
      RenderedObject next,
      FamilyColumn[] columns,
      SeriesLimits limits,
      SeriesLimits.Drops drops) {
    Rendering full = next.rendering();
    int[] firstLines = next.firstLines();
    long total = -1;
    boolean[] refused = null;
    for (int segment = 0; segment < full.families(); segment++) {
      FamilyColumn column = columns[full.familyId(segment)];
      int lines = firstLines[segment + 1] - firstLines[segment];
      int had = before.find(column.id());
      int growth = lines - (had < 0 ? 0 : Segments.lineCount(before, had));
      if (growth <= 0) {
        continue;
      }
      if (total < 0) {
        total = totalSeries(columns);
      }
      SeriesLimits.Reason over =
          column.series() + growth > limits.limitOf(column.name())
              ? SeriesLimits.Reason.METRIC_LIMIT
              : total + growth > limits.total() ? SeriesLimits.Reason.TOTAL_LIMIT : null;
      if (over == null) {
        total += growth;
        drops.fits(column.name());
        continue;
      }
      if (refused == null) {
        refused = new boolean[full.families()];
      }
      refused[segment] = true;
      drops.dropped(column.name(), over, lines);
    }
    return refused == null ? next : next.without(refused);
  }

  private static long totalSeries(FamilyColumn[] columns) {
    long total = 0;
    for (FamilyColumn column : columns) {
      total += column.series();
    }
    return total;
  }
}
