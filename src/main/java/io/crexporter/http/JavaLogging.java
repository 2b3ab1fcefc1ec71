package io.crexporter.http;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * java.util.logging, which the JDK's HTTP server writes to, sent to the exporter's log, in its
 * format. The server's records of a client that went away are its routine, logged at debug there.
 */
final class JavaLogging {

  private JavaLogging() {}

  static synchronized void toExporterLog() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    Logger.getLogger("").setLevel(Level.INFO);
  }
}
