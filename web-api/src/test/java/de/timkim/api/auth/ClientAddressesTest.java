package de.timkim.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

  private static HttpServletRequest request(String remote, String forwardedFor) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            ClientAddressesTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getRemoteAddr" -> remote;
                  case "getHeader" -> "X-Forwarded-For".equals(args[0]) ? forwardedFor : null;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static ClientAddresses trusting(String proxies) {
    ClientAddresses addresses = new ClientAddresses();
    addresses.trustedProxies = Optional.ofNullable(proxies);
    return addresses;
  }

  @Test
  void forwardedForIsIgnoredWithoutTrustedProxies() {
    assertEquals("10.0.0.5", trusting(null).of(request("10.0.0.5", "203.0.113.9")));
  }

  @Test
  void forwardedForIsIgnoredFromAnAddressThatIsNoTrustedProxy() {
    assertEquals("198.51.100.7", trusting("10.0.0.5").of(request("198.51.100.7", "203.0.113.9")));
  }

  @Test
  void fromATrustedProxyTheLastUntrustedForwardedAddressIsTheClient() {
    ClientAddresses addresses = trusting("10.0.0.5, 10.0.0.6");
    // a client may put anything in front; the proxies append what they saw
    assertEquals(
        "203.0.113.9", addresses.of(request("10.0.0.5", "1.2.3.4, 203.0.113.9, 10.0.0.6")));
    assertEquals("10.0.0.5", addresses.of(request("10.0.0.5", null)));
  }
}
