package io.crexporter.http;

/**
 * Limits of the JDK's HTTP server, which it reads from system properties once, when its first
 * server is made. Without them a client that opens a connection and sends half a request holds a
 * worker for good.
 */
final class HttpTimeouts {

  /** Seconds a client has to send its whole request; then the connection is closed. */
  static final String REQUEST_SECONDS = "10";

  /** Seconds an idle kept-alive connection stays open. */
  static final String IDLE_SECONDS = "30";

  private HttpTimeouts() {}

  /** Sets each limit the user has not set already (with -D on the command line). */
  static void apply() {
    setIfAbsent("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
    setIfAbsent("sun.net.httpserver.idleInterval", IDLE_SECONDS);
    // the timer that enforces maxReqTime runs this often (milliseconds)
    setIfAbsent("sun.net.httpserver.timerMillis", "500");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }
}
