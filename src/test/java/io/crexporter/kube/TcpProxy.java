package io.crexporter.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay between the exporter and the API server, so that a test can cut the
 * exporter's connections (a watch cut off), hold it off for a while (changes it cannot see), or
 * freeze its connections (a peer gone without a word), without touching the server. TLS passes
 * through untouched.
 */
final class TcpProxy implements AutoCloseable {

  /** One relayed connection: the exporter's socket and the one to the server. */
  private static final class Relay {
    final Socket client;
    final Socket upstream;
    volatile boolean frozen;

    Relay(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void close() {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private final ServerSocket server;
  private final int target;
  private final List<Relay> open = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;

  TcpProxy(int target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "tcp-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /**
   * Closes every open connection; with {@code refuse}, new ones are closed at once until allowed.
   */
  void cut(boolean refuse) {
    refusing = refuse;
    for (Relay relay : open) {
      relay.close();
    }
    open.clear();
  }

  void allow() {
    refusing = false;
  }

  /**
   * Every connection open now stops relaying in both directions but stays open: no FIN, no RST, as
   * when a peer or a middlebox vanishes. Only a client-side check (a ping, a read timeout) can
   * tell. New connections are relayed as usual.
   */
  void freeze() {
    for (Relay relay : open) {
      relay.frozen = true;
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (refusing) {
          closeQuietly(client);
          continue;
        }
        Relay relay = new Relay(client, new Socket(InetAddress.getLoopbackAddress(), target));
        open.add(relay);
        pump(relay, relay.client, relay.upstream);
        pump(relay, relay.upstream, relay.client);
      } catch (IOException e) {
        // closed, or the server is gone for a moment: the client sees a failed connection
      }
    }
  }

  private void pump(Relay relay, Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16384];
              try {
                // not closed here: closing a socket's stream closes the socket, which a frozen
                // relay must not do
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (relay.frozen) {
                    // drop what arrived and read no more: the sender's buffers fill, nothing ends
                    return;
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // cut
              }
              if (!relay.frozen) {
                relay.close();
              }
            },
            "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cut(true);
  }
}
