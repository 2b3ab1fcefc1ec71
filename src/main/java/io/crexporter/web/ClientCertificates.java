package io.crexporter.web;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks client certificates as the web configuration in force says: against its client CAs when it
 * verifies them, then against its allowed SANs; taken as given when it only asks for one.
 */
final class ClientCertificates extends X509ExtendedTrustManager {

  /** The TLS settings and client CAs in force. */
  record Policy(WebConfig.Tls tls, X509ExtendedTrustManager clientCas) {}

  private final Supplier<Policy> current;

  ClientCertificates(Supplier<Policy> current) {
    this.current = current;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    Policy policy = current.get();
    if (policy.tls().clientAuth().verifies()) {
      policy.clientCas().checkClientTrusted(chain, authType, engine);
      checkSans(chain[0], policy.tls().allowedSans());
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    Policy policy = current.get();
    if (policy.tls().clientAuth().verifies()) {
      policy.clientCas().checkClientTrusted(chain, authType, socket);
      checkSans(chain[0], policy.tls().allowedSans());
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    Policy policy = current.get();
    if (policy.tls().clientAuth().verifies()) {
      policy.clientCas().checkClientTrusted(chain, authType);
      checkSans(chain[0], policy.tls().allowedSans());
    }
  }

  /** As exporter-toolkit's client_allowed_sans: any DNS, IP, email or URI SAN may match. */
  private static void checkSans(X509Certificate certificate, List<String> allowed)
      throws CertificateException {
    if (allowed.isEmpty()) {
      return;
    }
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (name.size() > 1 && allowed.contains(String.valueOf(name.get(1)))) {
            return;
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new CertificateException("unreadable subject alternative names", e);
    }
    throw new CertificateException("no subject alternative name of the client is allowed");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a server does not check server certificates");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("a server does not check server certificates");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a server does not check server certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    Policy policy = current.get();
    return policy.clientCas() == null
        ? new X509Certificate[0]
        : policy.clientCas().getAcceptedIssuers();
  }
}
