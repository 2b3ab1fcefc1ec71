package io.crexporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.crexporter.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * No Docker engine runs here, so the image's inputs are checked instead: the Dockerfile is parsed,
 * its paths must exist in the repository or be what the build produces, and its entrypoint and
 * command must be a command line the exporter accepts.
 */
class DockerfileTest {

  private static final Path DOCKERFILE = Path.of("Dockerfile");

  /** One instruction: keyword (upper case) and the rest of its logical line. */
  record Instruction(String keyword, String args) {}

  /** A build stage: its base image, name (may be null) and instructions. */
  record Stage(String from, String name, List<Instruction> instructions) {
    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Instruction last(String keyword) {
      List<Instruction> found = all(keyword);
      return found.isEmpty() ? null : found.get(found.size() - 1);
    }
  }

  private static List<Stage> stages;
  private static Stage runtime;

  @BeforeAll
  static void parse() throws IOException {
    stages = parse(Files.readString(DOCKERFILE));
    assertTrue(stages.size() >= 2, "multi-stage build expected, got " + stages.size() + " stage");
    runtime = stages.get(stages.size() - 1);
  }

  /** Joins continuation lines, drops comments, and splits into stages at each FROM. */
  static List<Stage> parse(String text) {
    List<Stage> result = new ArrayList<>();
    StringBuilder logical = new StringBuilder();
    List<String> lines = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && logical.isEmpty())) {
        continue;
      }
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      lines.add(logical.toString().strip());
      logical.setLength(0);
    }
    Stage current = null;
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      String keyword = parts[0].toUpperCase();
      String args = parts.length > 1 ? parts[1].strip() : "";
      if (keyword.equals("FROM")) {
        String[] from = args.split("\\s+");
        String name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
        current = new Stage(from[0], name, new ArrayList<>());
        result.add(current);
      } else if (current != null) {
        current.instructions().add(new Instruction(keyword, args));
      }
    }
    return result;
  }

  /** The arguments of an exec-form (JSON array) instruction. */
  private static List<String> execForm(Instruction instruction) {
    assertNotNull(instruction);
    assertTrue(
        instruction.args().startsWith("["),
        instruction.keyword() + " must use the exec form (no shell in the image)");
    JsonArray array = JsonParser.parseString(instruction.args()).getAsJsonArray();
    List<String> args = new ArrayList<>();
    for (JsonElement element : array) {
      args.add(element.getAsString());
    }
    return args;
  }

  /** COPY's flags (--from=..., --chown=...) and its paths, the last being the destination. */
  private record Copy(Map<String, String> flags, List<String> sources, String destination) {
    static Copy of(Instruction instruction) {
      Map<String, String> flags = new LinkedHashMap<>();
      List<String> words = new ArrayList<>(Arrays.asList(instruction.args().split("\\s+")));
      while (!words.isEmpty() && words.get(0).startsWith("--")) {
        String[] flag = words.remove(0).substring(2).split("=", 2);
        flags.put(flag[0], flag.length > 1 ? flag[1] : "");
      }
      assertTrue(words.size() >= 2, "COPY needs a source and a destination: " + instruction);
      return new Copy(
          flags, List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1));
    }
  }

  private static Stage stageNamed(String name) {
    return stages.stream()
        .filter(s -> name.equals(s.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stage named " + name));
  }

  private static String workdir(Stage stage) {
    Instruction workdir = stage.last("WORKDIR");
    return workdir == null ? "/" : workdir.args();
  }

  private static String shadedJarName() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher matcher = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
    assertTrue(matcher.find(), "pom.xml names the packaged jar with <finalName>");
    return matcher.group(1) + ".jar";
  }

  @Test
  void buildsOnMavenWithJava17AndRunsOnASmallJava17Runtime() {
    Stage build = stages.get(0);
    assertTrue(build.from().startsWith("maven:"), build.from());
    assertTrue(build.from().contains("temurin-17"), build.from());
    assertTrue(
        build.all("RUN").stream()
            .anyMatch(r -> r.args().contains("mvn") && r.args().contains("package")),
        "the build stage runs mvn package");
    assertTrue(
        runtime.from().matches("gcr\\.io/distroless/java17.*|eclipse-temurin:17.*-jre.*"),
        "runtime image: " + runtime.from());
    assertTrue(runtime.all("RUN").isEmpty(), "the runtime stage has no shell to RUN anything");
  }

  @Test
  void everyCopySourceExistsInTheRepositoryOrIsTheBuildOutput() throws IOException {
    int checked = 0;
    for (Stage stage : stages) {
      for (Instruction instruction : stage.all("COPY")) {
        Copy copy = Copy.of(instruction);
        String from = copy.flags().get("from");
        for (String source : copy.sources()) {
          if (from == null) {
            assertTrue(
                Files.exists(Path.of(source)),
                "COPY source missing from the repository: " + source);
            assertFalse(dockerignored(source), "COPY source excluded by .dockerignore: " + source);
          } else {
            Stage origin = stageNamed(from);
            String expected = workdir(origin) + "/target/" + shadedJarName();
            assertEquals(expected, source, "the build stage's output is what mvn package produces");
            // and the build stage runs from the directory that holds pom.xml
            assertTrue(
                origin.all("COPY").stream()
                    .map(Copy::of)
                    .anyMatch(c -> c.sources().contains("pom.xml")),
                "the build stage copies pom.xml");
          }
          checked++;
        }
      }
    }
    assertTrue(checked >= 5, "expected COPY instructions, checked " + checked);
  }

  private static boolean dockerignored(String source) throws IOException {
    Path ignore = Path.of(".dockerignore");
    if (!Files.exists(ignore)) {
      return false;
    }
    String top = source.replaceAll("^\\./", "").split("/")[0];
    return Files.readAllLines(ignore).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .anyMatch(l -> l.equals(top) || l.equals(top + "/"));
  }

  @Test
  void theEntrypointRunsTheCopiedJarWithContainerFriendlyJvmFlags() {
    List<String> entrypoint = execForm(runtime.last("ENTRYPOINT"));
    assertTrue(entrypoint.get(0).endsWith("java"), entrypoint.toString());
    assertTrue(entrypoint.contains("-XX:MaxRAMPercentage=75"), entrypoint.toString());
    assertTrue(entrypoint.contains("-XX:+ExitOnOutOfMemoryError"), entrypoint.toString());
    int jar = entrypoint.indexOf("-jar");
    assertTrue(jar > 0 && jar + 1 < entrypoint.size(), entrypoint.toString());
    String jarPath = entrypoint.get(jar + 1);
    assertTrue(
        runtime.all("COPY").stream()
            .map(Copy::of)
            .anyMatch(c -> c.flags().containsKey("from") && c.destination().equals(jarPath)),
        "the jar the entrypoint runs is copied from the build stage: " + jarPath);
    // JVM options go before -jar; what follows the jar is the exporter's command line
    assertEquals(jar + 2, entrypoint.size(), "no exporter arguments in ENTRYPOINT: " + entrypoint);
  }

  @Test
  void theDefaultCommandIsOneTheCliAccepts() {
    List<String> entrypoint = execForm(runtime.last("ENTRYPOINT"));
    List<String> command = execForm(runtime.last("CMD"));
    List<String> cli =
        new ArrayList<>(entrypoint.subList(entrypoint.indexOf("-jar") + 2, entrypoint.size()));
    cli.addAll(command);
    assertEquals(List.of("serve", "--config", "/config"), cli);

    // --help makes picocli parse every option, then print usage instead of serving
    List<String> withHelp = new ArrayList<>(cli);
    withHelp.add("--help");
    Cli help = Cli.run(withHelp.toArray(String[]::new));
    assertEquals(0, help.status(), "the CLI rejects " + cli + ": " + help.err());
    assertTrue(help.out().contains("--config"), help.out());

    // picocli stops checking options once --help is seen, so parse the line again without it,
    // as the exporter does (without running it): every option must be known and well-formed
    CommandLine.ParseResult parsed = Main.parser().parseArgs(cli.toArray(String[]::new));
    CommandLine.ParseResult serve = parsed.subcommand();
    assertNotNull(serve, "a subcommand is given");
    assertEquals("serve", serve.commandSpec().name());
    assertEquals(List.of(Path.of("/config")), serve.matchedOptionValue("--config", List.of()));
    // and the check means something: a misspelt option is refused
    assertThrows(
        CommandLine.UnmatchedArgumentException.class,
        () -> Main.parser().parseArgs("serve", "--confgi", "/config"));
  }

  @Test
  void theConfigDirectoryTheCommandReadsIsTheShippedOneAndIsValid() {
    List<String> command = execForm(runtime.last("CMD"));
    String configPath = command.get(command.indexOf("--config") + 1);
    Copy copy =
        runtime.all("COPY").stream()
            .map(Copy::of)
            .filter(c -> c.destination().equals(configPath))
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing is copied to " + configPath));
    assertEquals(List.of("config"), copy.sources());
    Cli validate = Cli.run("validate", "--config", "config");
    assertEquals(0, validate.status(), validate.err());
  }

  /** What the command line printed and returned. */
  private record Cli(int status, String out, String err) {
    static Cli run(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
      return new Cli(status, out.toString(), err.toString());
    }
  }

  @Test
  void runsAsANumericNonRootUser() {
    Instruction user = runtime.last("USER");
    assertNotNull(user, "the runtime stage sets USER");
    String[] ids = user.args().split(":");
    for (String id : ids) {
      if (!id.matches("[0-9]+")) {
        fail("USER must be numeric (runAsNonRoot can only check numbers): " + user.args());
      }
      assertTrue(Integer.parseInt(id) != 0, "USER must not be root: " + user.args());
    }
  }

  @Test
  void exposesTheDefaultPort() {
    CommandLine serve = new CommandLine(new Main()).getSubcommands().get("serve");
    String defaultPort = serve.getCommandSpec().findOption("--port").defaultValue();
    List<String> exposed = runtime.all("EXPOSE").stream().map(Instruction::args).toList();
    assertEquals(List.of(defaultPort), exposed);
  }

  @Test
  void carriesOciLabels() {
    String labels = String.join(" ", runtime.all("LABEL").stream().map(Instruction::args).toList());
    for (String key : List.of("title", "description", "version", "revision")) {
      assertTrue(
          labels.contains("org.opencontainers.image." + key + "="),
          "missing org.opencontainers.image." + key);
    }
  }
}
