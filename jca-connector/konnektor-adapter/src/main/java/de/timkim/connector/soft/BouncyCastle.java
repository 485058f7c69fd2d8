package de.timkim.connector.soft;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider the software Konnektor uses. The JDK's SunEC no longer knows
 * brainpoolP256r1, so every key operation names this provider explicitly; it is registered JVM-wide
 * only if nobody has yet (WildFly's own modules may have).
 */
final class BouncyCastle {

  private BouncyCastle() {}

  static synchronized Provider provider() {
    Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    if (registered != null) {
      return registered;
    }
    Provider provider = new BouncyCastleProvider();
    Security.addProvider(provider);
    return provider;
  }
}
