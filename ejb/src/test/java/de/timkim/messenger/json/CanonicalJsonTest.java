package de.timkim.messenger.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Examples from https://spec.matrix.org/v1.11/appendices/#canonical-json */
class CanonicalJsonTest {

  private static String canonical(String json) {
    JsonValue value = Json.createReader(new StringReader(json)).readValue();
    return CanonicalJson.toString(value);
  }

  @Test
  void emptyObjectStaysEmpty() {
    assertEquals("{}", canonical("{}"));
  }

  @Test
  void keysAreSortedAndWhitespaceRemoved() {
    assertEquals(
        "{\"one\":1,\"two\":\"Two\"}", canonical("{\n  \"one\": 1,\n  \"two\": \"Two\"\n}"));
    assertEquals("{\"a\":\"1\",\"b\":\"2\"}", canonical("{\"b\": \"2\", \"a\": \"1\"}"));
  }

  @Test
  void nestedObjectsAreSortedToo() {
    String input =
        "{\"auth\":{\"success\":true,\"mxid\":\"@john.doe:example.com\",\"profile\":{"
            + "\"display_name\":\"John Doe\",\"three_pids\":[{\"medium\":\"email\","
            + "\"address\":\"john.doe@example.org\"},{\"medium\":\"msisdn\",\"address\":\"123456789\"}]}}}";
    assertEquals(
        "{\"auth\":{\"mxid\":\"@john.doe:example.com\",\"profile\":{\"display_name\":\"John Doe\","
            + "\"three_pids\":[{\"address\":\"john.doe@example.org\",\"medium\":\"email\"},"
            + "{\"address\":\"123456789\",\"medium\":\"msisdn\"}]},\"success\":true}}",
        canonical(input));
  }

  @Test
  void nonAsciiIsWrittenAsUtf8NotEscaped() {
    assertEquals("{\"a\":\"日本語\"}", canonical("{\"a\": \"日本語\"}"));
    assertEquals("{\"日\":1,\"本\":2}", canonical("{\"本\": 2, \"日\": 1}"));
    assertEquals("{\"a\":\"日\"}", canonical("{\"a\": \"\\u65E5\"}"));
  }

  @Test
  void nullStaysNull() {
    assertEquals("{\"a\":null}", canonical("{\"a\": null}"));
  }

  @Test
  void controlCharactersUseShortEscapes() {
    assertEquals("{\"a\":\"\\n\\u0001\"}", canonical("{\"a\": \"\\n\\u0001\"}"));
  }

  @Test
  void keysSortByCodePointNotUtf16Units() {
    // U+1F600 is D83D DE00 in UTF-16, which a naive sort puts before U+FF21
    assertEquals("{\"Ａ\":1,\"😀\":2}", canonical("{\"😀\": 2, \"Ａ\": 1}"));
  }

  @Test
  void floatsAndHugeIntegersAreRefused() {
    assertThrows(CanonicalJsonException.class, () -> canonical("{\"a\": 1.5}"));
    assertThrows(CanonicalJsonException.class, () -> canonical("{\"a\": 9007199254740992}"));
    assertEquals("{\"a\":9007199254740991}", canonical("{\"a\": 9007199254740991}"));
  }
}
