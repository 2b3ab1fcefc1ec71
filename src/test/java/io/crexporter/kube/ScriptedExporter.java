package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.fail;

import io.crexporter.app.Exporter;
import io.crexporter.exposition.ExpositionFormat;
import io.crexporter.store.ObjectSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The exporter reading kpack Builds from a {@link ScriptedApiServer}, and what tests ask of it. */
final class ScriptedExporter implements AutoCloseable {

  static final Path BUILDS = Path.of("src/test/resources/kube/mappings/kpack-discovered.yaml");

  /** Short back-off and timeouts, so that a test sees many rounds in a few seconds. */
  static final KubeSettings FAST =
      KubeSettings.DEFAULTS
          .withBackoff(Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofMinutes(2))
          .withTimeouts(
              Duration.ofMinutes(5),
              Duration.ofSeconds(30),
              Duration.ofSeconds(15),
              Duration.ofSeconds(5))
          .withStartupGrace(Duration.ofSeconds(2));

  /**
   * A reflector of the server's Builds alone, with no exporter around it, started: for what only
   * its sink shows.
   */
  static Reflector startReflector(
      ScriptedApiServer server, Path dir, ObjectSink sink, ObjectFilter filter) throws IOException {
    Reflector reflector =
        new Reflector(
            new ResourceTarget("kpack.io", "v1alpha2", "builds", "Build", "", "", ""),
            new KubeApi(KubeClients.create(server.kubeconfig(dir)), FAST),
            sink,
            filter,
            ReflectorMonitor.NONE,
            FAST);
    reflector.start();
    return reflector;
  }

  private final Exporter exporter;

  ScriptedExporter(ScriptedApiServer server, Path dir, KubeSettings settings) throws Exception {
    this(List.of(BUILDS), server.kubeconfig(dir), settings);
  }

  ScriptedExporter(List<Path> config, Path kubeconfig, KubeSettings settings) throws Exception {
    this(config, kubeconfig, settings, Sharding.NONE);
  }

  ScriptedExporter(List<Path> config, Path kubeconfig, KubeSettings settings, Sharding sharding)
      throws Exception {
    exporter =
        Exporter.create(
            new Exporter.Options(
                config, List.of(), true, true, false, true, kubeconfig, settings, sharding));
    exporter.start();
  }

  Exporter exporter() {
    return exporter;
  }

  /** The whole exposition now, in the Prometheus text format. */
  String text() {
    return text(exporter);
  }

  /** The whole exposition of {@code exporter} now, in the Prometheus text format. */
  static String text(Exporter exporter) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      exporter.exposition().write(out, ExpositionFormat.TEXT);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String await(String what, Predicate<String> condition) throws InterruptedException {
    return await(Duration.ofSeconds(20), what, condition);
  }

  String await(Duration timeout, String what, Predicate<String> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String text = text();
    while (!condition.test(text)) {
      if (System.nanoTime() > deadline) {
        fail("not seen within " + timeout + ": " + what + "\n" + text);
      }
      Thread.sleep(20);
      text = text();
    }
    return text;
  }

  String awaitLine(String line) throws InterruptedException {
    return await(line, text -> text.contains("\n" + line + "\n"));
  }

  boolean ready() {
    return exporter.notReady().isEmpty();
  }

  /** The value of the Build kind's series of a self-metric, 0 when it has none. */
  static double buildMetric(String text, String name) {
    return metric(text, name, "");
  }

  /** Same, for one more label (such as {@code operation="watch"}), or all when empty. */
  static double metric(String text, String name, String extraLabel) {
    Matcher matcher =
        Pattern.compile(
                "\ncustom_resource_exporter_"
                    + Pattern.quote(name)
                    + "\\{group=\"kpack.io\",kind=\"Build\","
                    + (extraLabel.isEmpty() ? "" : Pattern.quote(extraLabel) + ",")
                    + "[^}]*} ([-0-9.Ee+]+)\n")
            .matcher(text);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  /** The line of a Build's Succeeded condition in {@code status}. */
  static String succeeded(String name, String status) {
    return "kpack_build_status{name=\""
        + name
        + "\",namespace=\"ci\",status=\""
        + status
        + "\",type=\"Succeeded\"} 1.0";
  }

  static String info(String name) {
    return "kpack_build_info{image=\"registry.example.com/"
        + name
        + "\",name=\""
        + name
        + "\",namespace=\"ci\"} 1.0";
  }

  @Override
  public void close() {
    exporter.close();
  }
}
