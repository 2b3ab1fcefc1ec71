package io.crexporter.kube;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of this JVM, the local API server, etcd and every other process of the machine, from
 * {@code /proc}: on a machine where the exporter and the API server share the cores, how long a
 * stage takes says little without who was busy meanwhile. Also pins them to cores.
 */
final class ProcessCpu {

  /** Clock ticks a second of {@code /proc}'s CPU times: 100 on every Linux configuration used. */
  private static final double TICKS = 100;

  private final long apiServer;
  private final long etcd;

  /**
   * @param run the {@code run} directory of {@code hack/kube-apiserver/start.sh} (its PID files)
   */
  ProcessCpu(Path run) throws IOException {
    apiServer = Long.parseLong(Files.readString(run.resolve("kube-apiserver.pid")).trim());
    etcd = Long.parseLong(Files.readString(run.resolve("etcd.pid")).trim());
  }

  /**
   * CPU seconds at a moment: this JVM, the API server, etcd, the rest (other processes,
   * interrupts).
   */
  final class Mark {
    private final double[] start = now();

    /** CPU seconds of each since the mark. */
    double[] since() {
      double[] now = now();
      for (int i = 0; i < now.length; i++) {
        now[i] -= start[i];
      }
      return now;
    }
  }

  /** CPU seconds as {@code 1.0 / 2.0 / 0.1 / 0.0}. */
  static String format(double[] seconds) {
    StringBuilder text = new StringBuilder();
    for (double value : seconds) {
      text.append(text.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", value));
    }
    return text.toString();
  }

  Mark mark() {
    return new Mark();
  }

  private double[] now() {
    try {
      double jvm =
          ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                  .getProcessCpuTime()
              / 1e9;
      double server = processSeconds(apiServer);
      double store = processSeconds(etcd);
      return new double[] {jvm, server, store, machineSeconds() - jvm - server - store};
    } catch (IOException e) {
      throw new IllegalStateException("cannot read CPU times from /proc", e);
    }
  }

  /**
   * Waits until the rest of the machine (not this JVM, the API server or etcd) uses less than a
   * tenth of a core for a second; false if it still does not after {@code max}.
   */
  boolean awaitQuiet(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    do {
      Mark mark = mark();
      Thread.sleep(1000);
      if (mark.since()[3] < 0.1) {
        return true;
      }
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** utime and stime, fields 14 and 15 of {@code /proc/PID/stat}. */
  private static double processSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
  }

  /** Busy time of all cores: the first line of {@code /proc/stat} less idle and iowait. */
  private static double machineSeconds() throws IOException {
    String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    // user nice system idle iowait irq softirq steal; guest time is already in user
    for (int i = 1; i <= 8 && i < fields.length; i++) {
      busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
    }
    return busy / TICKS;
  }

  /** Pins every thread of this JVM to {@code ownCores}, the API server and etcd to the others. */
  void pin(String ownCores, String serverCores) throws Exception {
    taskset(ownCores, ProcessHandle.current().pid());
    taskset(serverCores, apiServer);
    taskset(serverCores, etcd);
  }

  private static void taskset(String cores, long pid) throws Exception {
    Process process =
        new ProcessBuilder("taskset", "-a", "-p", "-c", cores, Long.toString(pid))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("taskset -c " + cores + " of " + pid + " failed");
    }
  }
}
