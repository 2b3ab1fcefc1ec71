package io.crexporter.deploy;

import static io.crexporter.deploy.HelmChartTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.cli.Main;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The chart's seriesLimits values become the serve options the exporter parses. */
class HelmSeriesLimitsTest {

  @TempDir Path tmp;
  private final HelmChartTest chart = new HelmChartTest();

  @BeforeEach
  void useTmp() {
    chart.tmp = tmp;
  }

  private static CommandLine.ParseResult serve(HelmChartTest.Rendered r) {
    List<String> args = strings(r.container().get("args"));
    return Main.parser().parseArgs(args.toArray(String[]::new)).subcommand();
  }

  @Test
  void limitsSetInValuesReachTheExporter() throws Exception {
    HelmChartTest.Rendered r =
        chart.render(
            """
            seriesLimits: {maxSeries: 20000000, maxSeriesPerMetric: 300000, maxLabelValueLength: 1024}
            """);
    CommandLine.ParseResult serve = serve(r);
    assertEquals(20_000_000L, (long) serve.matchedOptionValue("--max-series", 0L));
    assertEquals(300_000, (int) serve.matchedOptionValue("--max-series-per-metric", 0));
    assertEquals(1024, (int) serve.matchedOptionValue("--max-label-value-length", 0));
  }

  @Test
  void unsetLimitsLeaveTheExporterDefaults() throws Exception {
    HelmChartTest.Rendered r = chart.render("seriesLimits: {maxSeriesPerMetric: 5}\n");
    CommandLine.ParseResult serve = serve(r);
    assertEquals(5, (int) serve.matchedOptionValue("--max-series-per-metric", 0));
    assertTrue(!serve.hasMatchedOption("--max-series"), "maxSeries is not set");
    CommandLine.ParseResult defaults = serve(chart.render(""));
    for (String option :
        List.of("--max-series", "--max-series-per-metric", "--max-label-value-length")) {
      assertTrue(!defaults.hasMatchedOption(option), option + " is not passed by default");
    }
  }

  @Test
  void aLimitOfZeroOrTextIsRefusedByTheSchema() {
    for (String values :
        List.of("seriesLimits: {maxSeries: 0}\n", "seriesLimits: {maxSeriesPerMetric: many}\n")) {
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> chart.render(values), values);
      assertTrue(refused.getMessage().contains("seriesLimits"), refused.getMessage());
    }
  }
}
