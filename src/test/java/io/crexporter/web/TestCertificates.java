package io.crexporter.web;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** A throwaway CA and the certificates and keys it signs, written as PEM files for tests. */
final class TestCertificates {

  /** How a private key is written. */
  enum KeyForm {
    /** {@code BEGIN RSA PRIVATE KEY}, as cert-manager writes by default. */
    PKCS1_RSA,
    /** {@code BEGIN EC PRIVATE KEY}. */
    SEC1_EC,
    /** {@code BEGIN PRIVATE KEY}. */
    PKCS8_RSA
  }

  /** A certificate and its key, in memory and as files. */
  record Issued(X509Certificate certificate, KeyPair keys, Path certFile, Path keyFile) {}

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final KeyPair caKeys;
  private final X500Name caName;
  private final X509Certificate ca;
  private final Path caFile;

  TestCertificates(Path dir, String name) throws Exception {
    caKeys = keys(KeyForm.PKCS1_RSA);
    caName = new X500Name("CN=" + name);
    ca = sign(caName, caKeys, caName, caKeys, true, null);
    caFile = dir.resolve(name + "-ca.crt");
    Files.writeString(caFile, pem(ca));
  }

  Path caFile() {
    return caFile;
  }

  X509Certificate ca() {
    return ca;
  }

  /** A certificate for {@code localhost} and {@code 127.0.0.1}, into {@code dir/name.crt|key}. */
  Issued issue(Path dir, String name, KeyForm form) throws Exception {
    KeyPair keys = keys(form);
    GeneralNames sans =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, name + ".example")
            });
    X509Certificate certificate =
        sign(new X500Name("CN=" + name), keys, caName, caKeys, false, sans);
    Path certFile = dir.resolve(name + ".crt");
    Path keyFile = dir.resolve(name + ".key");
    Files.writeString(certFile, pem(certificate));
    Files.writeString(keyFile, key(keys, form));
    return new Issued(certificate, keys, certFile, keyFile);
  }

  /** A client TLS context that trusts this CA, presenting {@code client} if not null. */
  SSLContext clientContext(Issued client, String protocol) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    KeyManagerFactory keyManagers = null;
    if (client != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client",
          client.keys().getPrivate(),
          new char[0],
          new java.security.cert.Certificate[] {client.certificate()});
      keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, new char[0]);
    }
    SSLContext context = SSLContext.getInstance(protocol);
    context.init(
        keyManagers == null ? null : keyManagers.getKeyManagers(),
        trustManagers.getTrustManagers(),
        null);
    return context;
  }

  private static KeyPair keys(KeyForm form) throws GeneralSecurityException {
    KeyPairGenerator generator =
        KeyPairGenerator.getInstance(form == KeyForm.SEC1_EC ? "EC" : "RSA");
    generator.initialize(form == KeyForm.SEC1_EC ? 256 : 2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      X500Name subject,
      KeyPair subjectKeys,
      X500Name issuer,
      KeyPair issuerKeys,
      boolean isCa,
      GeneralNames sans)
      throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (sans != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, sans);
    }
    String algorithm =
        issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
  }

  static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static String key(KeyPair keys, KeyForm form) throws IOException {
    if (form == KeyForm.PKCS8_RSA) {
      return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
    }
    if (form == KeyForm.SEC1_EC) {
      // as openssl writes it: with its curve and public key
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
      ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
      SubjectPublicKeyInfo pub = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
      ECPrivateKey full =
          new ECPrivateKey(
              256,
              inner.getKey(),
              pub.getPublicKeyData(),
              info.getPrivateKeyAlgorithm().getParameters());
      return pem(new PemObject("EC PRIVATE KEY", full.getEncoded()));
    }
    // JcaPEMWriter writes an RSA key as PKCS#1
    return pem(keys.getPrivate());
  }
}
