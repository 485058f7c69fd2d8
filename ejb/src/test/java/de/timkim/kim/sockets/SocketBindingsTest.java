package de.timkim.kim.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SocketBindingsTest {

  @AfterEach
  void clearProperties() {
    System.clearProperty("jboss.socket.binding.port-offset");
    System.clearProperty("kim.socket-binding.kim-test.port");
    System.clearProperty("kim.socket-binding.kim-test.address");
  }

  @Test
  void propertiesOfTheConfigurationScriptWinOverTheDefaultsAndTheOffsetIsAdded() {
    System.setProperty("jboss.socket.binding.port-offset", "500");
    System.setProperty("kim.socket-binding.kim-test.port", " 2465 ");
    System.setProperty("kim.socket-binding.kim-test.address", "127.0.0.2");
    InetSocketAddress resolved = SocketBindings.resolve("kim-test", "0.0.0.0", 465);
    assertEquals(2965, resolved.getPort());
    assertEquals("127.0.0.2", resolved.getHostString());
  }

  @Test
  void withoutPropertiesTheDefaultsAreUsedWithTheOffset() {
    System.setProperty("jboss.socket.binding.port-offset", "100");
    InetSocketAddress resolved = SocketBindings.resolve("kim-test", "0.0.0.0", 995);
    assertEquals(1095, resolved.getPort());
    assertEquals("0.0.0.0", resolved.getHostString());
  }

  @Test
  void aPortThatIsNoNumberFallsBackToTheDefault() {
    System.setProperty("kim.socket-binding.kim-test.port", "${env.KIM_SMTPS_PORT:465}");
    assertEquals(465, SocketBindings.resolve("kim-test", "0.0.0.0", 465).getPort());
  }
}
