package de.timkim.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

  @Test
  void nestingDepthCountsObjectsAndArraysButNotBracketsInStrings() {
    assertEquals(0, JsonBody.nestingDepth("\"x\""));
    assertEquals(1, JsonBody.nestingDepth("{\"a\":\"[[[{{{\"}"));
    assertEquals(3, JsonBody.nestingDepth("{\"a\":[{\"b\":1}],\"c\":{}}"));
    assertEquals(1, JsonBody.nestingDepth("{\"a\":\"\\\"[[[\"}"));
  }

  @Test
  void bodiesNestedBeyondTheLimitAreBadJsonBeforeTheParserSeesThem() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    MatrixException refused = assertThrows(MatrixException.class, () -> JsonBody.parse(deep));
    assertEquals(ErrorCode.M_BAD_JSON, refused.errorCode());
    String atLimit =
        "{\"a\":" + "[".repeat(JsonBody.MAX_DEPTH - 1) + "]".repeat(JsonBody.MAX_DEPTH - 1) + "}";
    assertEquals(1, JsonBody.parse(atLimit).object().size());
  }
}
