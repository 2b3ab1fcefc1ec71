package io.crexporter.web;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sets each new TLS connection's protocols, cipher suites and client certificate request from the
 * web configuration in force, so that a changed file applies to the next connection.
 */
final class TlsParameters extends HttpsConfigurator {

  private final Supplier<WebConfig.Tls> current;

  TlsParameters(SSLContext context, Supplier<WebConfig.Tls> current) {
    super(context);
    this.current = current;
  }

  @Override
  public void configure(HttpsParameters params) {
    WebConfig.Tls tls = current.get();
    SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
    List<String> supported =
        Arrays.asList(getSSLContext().getSupportedSSLParameters().getProtocols());
    parameters.setProtocols(
        tls.protocols().stream().filter(supported::contains).toArray(String[]::new));
    if (!tls.cipherSuites().isEmpty()) {
      // as in Go, the list names TLS 1.2 suites; TLS 1.3's are always allowed
      List<String> suites = new ArrayList<>();
      for (String suite : parameters.getCipherSuites()) {
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
          suites.add(suite);
        }
      }
      suites.addAll(tls.cipherSuites());
      parameters.setCipherSuites(suites.toArray(String[]::new));
    }
    parameters.setUseCipherSuitesOrder(tls.preferServerCipherSuites());
    switch (tls.clientAuth()) {
      case NO_CLIENT_CERT -> parameters.setWantClientAuth(false);
      case REQUEST_CLIENT_CERT, VERIFY_CLIENT_CERT_IF_GIVEN -> parameters.setWantClientAuth(true);
      case REQUIRE_ANY_CLIENT_CERT, REQUIRE_AND_VERIFY_CLIENT_CERT ->
          parameters.setNeedClientAuth(true);
    }
    params.setSSLParameters(parameters);
  }
}
