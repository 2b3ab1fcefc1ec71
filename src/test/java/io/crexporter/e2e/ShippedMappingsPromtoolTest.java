package io.crexporter.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every shipped mapping makes of every fixture object passes {@code promtool check metrics}.
 */
class ShippedMappingsPromtoolTest {

  @Test
  void promtoolAcceptsTheRenderOfAllMappingsOverAllFixtures(@TempDir Path dir) throws Exception {
    String text = Fixtures.render(Fixtures.mappingFiles(), Fixtures.files());
    assertTrue(text.lines().filter(l -> !l.startsWith("#")).count() > 100, text);
    Promtool.assertMetricsPass(dir, text);
  }
}
