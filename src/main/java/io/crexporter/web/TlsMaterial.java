package io.crexporter.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server's certificate and key, and the client CAs, loaded from PEM files as cert-manager and
 * openssl write them: certificate chains, and keys in PKCS#8, PKCS#1 (RSA) or SEC 1 (EC) form.
 * Bouncy Castle reads the keys; the JDK alone reads only unencrypted PKCS#8.
 */
record TlsMaterial(X509ExtendedKeyManager keys, X509ExtendedTrustManager clientCas) {

  static TlsMaterial load(WebConfig.Tls tls) throws IOException {
    List<X509Certificate> chain = certificates(tls.certFile());
    PrivateKey key = privateKey(tls.keyFile());
    if (!signsFor(key, chain.get(0))) {
      throw new IOException(
          "the key in "
              + tls.keyFile()
              + " does not belong to the certificate in "
              + tls.certFile());
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      X509ExtendedTrustManager cas = null;
      if (tls.clientCaFile() != null) {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        List<X509Certificate> caCerts = certificates(tls.clientCaFile());
        for (int i = 0; i < caCerts.size(); i++) {
          trusted.setCertificateEntry("ca-" + i, caCerts.get(i));
        }
        TrustManagerFactory trust =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        for (TrustManager manager : trust.getTrustManagers()) {
          if (manager instanceof X509ExtendedTrustManager extended) {
            cas = extended;
          }
        }
      }
      return new TlsMaterial((X509ExtendedKeyManager) keys.getKeyManagers()[0], cas);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the key of " + tls.keyFile() + ": " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> certificates(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> read =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate : read) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new IOException("no certificate in " + file);
      }
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new IOException("no PEM certificate in " + file + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser pem = new PEMParser(reader)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
        if (object instanceof PEMKeyPair pair) {
          // an SEC 1 key may leave out its public half
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read a private key from " + file + ": " + e.getMessage(), e);
    }
    throw new IOException("no unencrypted PEM private key in " + file);
  }

  /** Whether {@code key} is the private key of the certificate: a signature it makes verifies. */
  private static boolean signsFor(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) {
      // no way to tell here: the first handshake will
      return true;
    }
    try {
      byte[] probe = "custom-resource-exporter".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
