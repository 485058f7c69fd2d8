package de.timkim.messenger.rooms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.timkim.messenger.events.RoomVersion;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PowerLevelsTest {

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static void assertRefused(String content) {
    MatrixException refused =
        assertThrows(
            MatrixException.class,
            () -> PowerLevels.requireValid(json(content), RoomVersion.V10),
            content);
    assertEquals(ErrorCode.M_BAD_JSON, refused.errorCode());
  }

  @Test
  void integerLevelsInCanonicalJsonRangeAreAccepted() {
    assertDoesNotThrow(
        () ->
            PowerLevels.requireValid(
                json(
                    "{\"users\":{\"@a:localhost\":100},\"users_default\":-9007199254740991,"
                        + "\"events\":{\"m.room.name\":50},\"notifications\":{\"room\":50},"
                        + "\"ban\":9007199254740991}"),
                RoomVersion.V11));
  }

  @Test
  void fractionsStringsAndOutOfRangeNumbersAreRefusedFromRoomVersion10() {
    assertRefused("{\"users_default\":1.5}");
    assertRefused("{\"kick\":\"50\"}");
    assertRefused("{\"ban\":9007199254740992}");
    assertRefused("{\"events\":{\"m.room.name\":50.5}}");
    assertRefused("{\"events\":{\"m.room.name\":true}}");
    assertRefused("{\"notifications\":{\"room\":\"50\"}}");
    assertRefused("{\"users\":{\"@a:localhost\":1e300}}");
    assertRefused("{\"users\":{\"not-a-user\":50}}");
    assertRefused("{\"users\":[]}");
  }
}
