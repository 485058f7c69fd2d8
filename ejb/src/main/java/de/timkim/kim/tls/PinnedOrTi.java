package de.timkim.kim.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts this installation's own certificates exactly (no CA signs them, so there is no name to
 * check beyond the pin) and otherwise the TI trust store, with the host name check the socket asks
 * for; refuses everything when no TI trust store is configured.
 */
final class PinnedOrTi extends X509ExtendedTrustManager {
  private final List<X509Certificate> pinned;
  private final X509ExtendedTrustManager ti;

  PinnedOrTi(List<X509Certificate> pinned, X509ExtendedTrustManager ti) {
    this.pinned = pinned;
    this.ti = ti;
  }

  private boolean isPinned(X509Certificate[] chain) {
    return chain != null && chain.length > 0 && pinned.contains(chain[0]);
  }

  private X509ExtendedTrustManager ti(X509Certificate[] chain) throws CertificateException {
    if (ti == null) {
      throw new CertificateException(
          "Fachdienst certificate is neither this installation's own nor does a TI trust store"
              + " (kim.clientmodule.fachdienst-truststore) vouch for it");
    }
    return ti;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (!isPinned(chain)) {
      ti(chain).checkServerTrusted(chain, authType, socket);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (!isPinned(chain)) {
      ti(chain).checkServerTrusted(chain, authType, engine);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (!isPinned(chain)) {
      ti(chain).checkServerTrusted(chain, authType);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return ti == null ? new X509Certificate[0] : ti.getAcceptedIssuers();
  }
}
