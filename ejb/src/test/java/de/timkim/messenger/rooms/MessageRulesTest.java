package de.timkim.messenger.rooms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** TI-M: message bodies of at most 4000 characters. */
class MessageRulesTest {

  @Test
  void fourThousandCharactersPassAndOneMoreIsTooLarge() {
    assertDoesNotThrow(
        () -> RoomMessages.checkMessageRules("m.room.message", body("x".repeat(4000))));
    MatrixException e =
        assertThrows(
            MatrixException.class,
            () -> RoomMessages.checkMessageRules("m.room.message", body("x".repeat(4001))));
    assertEquals(ErrorCode.M_TOO_LARGE, e.errorCode());
    assertEquals(413, e.httpStatus());
  }

  @Test
  void charactersAreCountedNotUtf16Units() {
    // 4000 emoji are 8000 UTF-16 units but 4000 characters
    assertDoesNotThrow(
        () -> RoomMessages.checkMessageRules("m.room.message", body("😀".repeat(4000))));
  }

  @Test
  void otherEventTypesAreLeftToTheEventSizeLimit() {
    assertDoesNotThrow(
        () -> RoomMessages.checkMessageRules("m.room.encrypted", body("x".repeat(10_000))));
  }

  private static jakarta.json.JsonObject body(String text) {
    return Json.createObjectBuilder().add("msgtype", "m.text").add("body", text).build();
  }
}
