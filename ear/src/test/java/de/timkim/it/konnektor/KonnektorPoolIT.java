package de.timkim.it.konnektor;

import static de.timkim.it.konnektor.KonnektorTools.card;
import static de.timkim.it.konnektor.KonnektorTools.post;
import static de.timkim.it.konnektor.KonnektorTools.via;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection pool (max 20) under 20 concurrent callers, and backends that fail: a Konnektor
 * that refuses connections and one that accepts but never answers. Both must surface as an error
 * (503 TIM_KONNEKTOR_UNAVAILABLE) within the SOAP timeout of 10 s, never as a hang.
 */
@ExtendWith(ArquillianExtension.class)
class KonnektorPoolIT extends DeployedEar {

  private static final int CALLERS = 20;
  // TIM_KONNEKTOR_SOAP_TIMEOUT_MS default (10 s) plus room for a slow machine
  private static final Duration LIMIT = Duration.ofSeconds(25);

  @Test
  void twentyConcurrentCallersAllGetSignaturesThroughThePool() throws Exception {
    String handle = card("SMC-B").getString("card_handle");
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        byte[] content = ("Nachricht " + i).getBytes(StandardCharsets.UTF_8);
        String crypt = i % 2 == 0 ? "RSA" : "ECC";
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return post(
                          "/_tim/v1/konnektor/cards/" + handle + "/sign?crypt=" + crypt, content)
                      .status();
                }));
      }
      long began = System.nanoTime();
      start.countDown();
      for (Future<Integer> result : results) {
        assertEquals(200, result.get());
      }
      long millis = (System.nanoTime() - began) / 1_000_000;
      System.out.println(
          "KonnektorPoolIT: " + CALLERS + " concurrent signatures in " + millis + " ms");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void konnektorThatRefusesConnectionsFailsFastWith503() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String handle = card("SMC-B").getString("card_handle");
    long began = System.nanoTime();
    var reply =
        post(
            "/_tim/v1/konnektor/cards/"
                + handle
                + "/sign?crypt=RSA"
                + via("http://127.0.0.1:" + port + "/ws"),
            new byte[] {1});
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    assertEquals(503, reply.status(), reply.text());
    assertEquals("TIM_KONNEKTOR_UNAVAILABLE", reply.json().getString("errcode"));
    assertTrue(took.compareTo(LIMIT) < 0, "took " + took);
  }

  @Test
  void konnektorThatNeverAnswersTimesOutWith503() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (!silent.isClosed()) {
                    accepted.add(silent.accept());
                  }
                } catch (java.io.IOException closed) {
                  // test over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String handle = card("SMC-B").getString("card_handle");
      long began = System.nanoTime();
      var reply =
          post(
              "/_tim/v1/konnektor/cards/"
                  + handle
                  + "/sign?crypt=RSA"
                  + via("http://127.0.0.1:" + silent.getLocalPort() + "/ws"),
              new byte[] {1});
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      assertEquals(503, reply.status(), reply.text());
      assertTrue(reply.json().getString("error").contains("did not answer"), reply.text());
      assertTrue(took.compareTo(LIMIT) < 0, "took " + took);
      System.out.println(
          "KonnektorPoolIT: silent Konnektor answered with 503 after " + took.toMillis() + " ms");
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }
}
