package io.crexporter.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The etcd and kube-apiserver processes of one test, run by the scripts of {@code
 * hack/kube-apiserver} with their state in one directory. A start that fails because a port found
 * free was taken before etcd or the API server could bind it is tried again on new ports.
 */
final class ApiServerProcesses {

  private static final int START_ATTEMPTS = 3;

  /** Where start.sh and the processes it starts say why they failed. */
  private static final List<Path> STARTUP_LOGS =
      List.of(
          Path.of("logs/etcd.log"), Path.of("logs/kube-apiserver.log"), Path.of("start.sh.out"));

  private final Path dir;
  private final Map<String, String> env = new LinkedHashMap<>();

  /**
   * Starts etcd and the API server.
   *
   * @param tokens lines {@code token,user,uid,"groups"} of static token users
   * @param ports where the ports to try come from
   */
  ApiServerProcesses(Path dir, List<String> tokens, String extraArgs, IntSupplier ports)
      throws Exception {
    this.dir = dir;
    env.put("APISERVER_EXTRA_ARGS", extraArgs);
    // a killed test run must not leave an API server behind
    env.put("OWNER_PID", Long.toString(ProcessHandle.current().pid()));
    env.put("KUBE_DIR", dir.toString());
    env.put("EXTRA_TOKENS", String.join("\n", tokens));
    for (int attempt = 1; ; attempt++) {
      env.put("API_PORT", Integer.toString(ports.getAsInt()));
      env.put("ETCD_PORT", Integer.toString(ports.getAsInt()));
      env.put("ETCD_PEER_PORT", Integer.toString(ports.getAsInt()));
      try {
        script("start.sh");
        return;
      } catch (IllegalStateException e) {
        // a taken port alone is worth new ports; anything else is a real failure
        boolean again = attempt < START_ATTEMPTS && portTaken();
        script("stop.sh", "--wipe");
        if (!again) {
          throw e;
        }
        for (Path log : STARTUP_LOGS) {
          Files.deleteIfExists(dir.resolve(log));
        }
      }
    }
  }

  int apiPort() {
    return Integer.parseInt(env.get("API_PORT"));
  }

  /** Stops and starts the API server process; etcd and its data stay. */
  void restartApiServer() throws Exception {
    script("stop.sh", "--apiserver-only");
    script("start.sh");
  }

  /** Stops both processes and removes their state. */
  void stop() throws Exception {
    script("stop.sh", "--wipe");
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void script(String name, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "hack/kube-apiserver/" + name));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.redirectOutput(dir.resolve(name + ".out").toFile());
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          name + " failed: " + Files.readString(dir.resolve(name + ".out")) + logTail());
    }
  }

  private String logTail() {
    try {
      Path log = dir.resolve("logs/kube-apiserver.log");
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** True when etcd or the API server could not start because one of its ports was taken. */
  private boolean portTaken() throws IOException {
    for (Path log : STARTUP_LOGS) {
      Path file = dir.resolve(log);
      if (Files.exists(file) && Files.readString(file).contains("address already in use")) {
        return true;
      }
    }
    return false;
  }
}
