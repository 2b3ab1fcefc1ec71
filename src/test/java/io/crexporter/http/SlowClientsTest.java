package io.crexporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.app.Exporter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server under clients that misbehave: many connections that send half a request and then
 * nothing, and scrapers that hang up in the middle of a response.
 */
class SlowClientsTest {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Exporter exporter;
  private MetricsServer server;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    exporter =
        Exporter.create(
            new Exporter.Options(
                List.of(Path.of("config/kpack.yaml"), Path.of("config/flux.yaml")),
                List.of(Path.of("examples/kpack"), Path.of("examples/flux")),
                false,
                true,
                true));
    exporter.start();
    server =
        MetricsServer.start(
            "127.0.0.1", 0, exporter.exposition(), exporter::notReady, exporter::scraped);
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
    server.close();
    exporter.close();
  }

  private Socket halfRequest() throws Exception {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
    OutputStream out = socket.getOutputStream();
    out.write("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: te".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    sockets.add(socket);
    return socket;
  }

  private int status(String path) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void fiftyHalfOpenRequestsStarveNeitherProbesNorScrapes() throws Exception {
    for (int i = 0; i < 50; i++) {
      halfRequest();
    }
    Thread.sleep(300);
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      assertEquals(200, status("/healthz"));
      assertEquals(200, status("/readyz"));
      assertEquals(200, status("/metrics"));
      assertTrue(System.nanoTime() - start < 2_000_000_000L, "answered within 2 s");
    }
  }

  @Test
  void aClientThatNeverFinishesItsRequestIsHungUpOn() throws Exception {
    Socket slow = halfRequest();
    slow.setSoTimeout(30_000);
    long start = System.nanoTime();
    InputStream in = slow.getInputStream();
    // the server closes the connection: end of stream, with no answer or a 408-like one
    while (in.read() >= 0) {
      // whatever the server says before it closes
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(
        seconds < Integer.parseInt(HttpTimeouts.REQUEST_SECONDS) + 5,
        "closed after " + seconds + " s");
  }

  @Test
  void aScraperThatHangsUpMidResponseLeavesNoStackTrace() throws Exception {
    PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 5; i++) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
          socket.setReceiveBufferSize(1024);
          OutputStream out = socket.getOutputStream();
          out.write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          socket.getInputStream().read(new byte[64]);
          socket.setSoLinger(true, 0);
        }
      }
      assertEquals(200, status("/metrics"), "still serving");
      Thread.sleep(200);
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(!log.contains("\tat ") && !log.contains("Exception"), log);
  }
}
