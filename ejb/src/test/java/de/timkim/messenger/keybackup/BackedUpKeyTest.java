package de.timkim.messenger.keybackup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BackedUpKeyTest {

  private static BackedUpKey key(long index, long forwarded, boolean verified) {
    return new BackedUpKey(index, forwarded, verified, Json.createObjectBuilder().build());
  }

  @Test
  void verifiedBeatsUnverifiedWhateverTheIndex() {
    assertTrue(key(9, 9, true).isBetterThan(key(0, 0, false)));
    assertFalse(key(0, 0, false).isBetterThan(key(9, 9, true)));
  }

  @Test
  void thenTheLowerFirstMessageIndexThenFewerForwards() {
    assertTrue(key(1, 5, false).isBetterThan(key(2, 0, false)));
    assertTrue(key(1, 0, true).isBetterThan(key(1, 1, true)));
    assertFalse(key(1, 1, true).isBetterThan(key(1, 1, true)), "an equal copy changes nothing");
  }

  @Test
  void parsesTheSpecsKeyBackupDataAndRejectsWrongTypes() {
    JsonObject json =
        Json.createReader(
                new StringReader(
                    "{\"first_message_index\":1,\"forwarded_count\":0,\"is_verified\":true,"
                        + "\"session_data\":{\"ephemeral\":\"base64+ephemeral+key\",\"ciphertext\":\"base64+ciphertext+of+JSON+data\",\"mac\":\"base64+mac+of+ciphertext\"}}"))
            .readObject();
    BackedUpKey key = BackedUpKey.fromJson(json);
    assertEquals(1, key.firstMessageIndex());
    assertTrue(key.verified());
    assertEquals(json, key.toJson());
    JsonObject wrong = Json.createObjectBuilder(json).add("is_verified", "yes").build();
    assertEquals(
        ErrorCode.M_BAD_JSON,
        assertThrows(MatrixException.class, () -> BackedUpKey.fromJson(wrong)).errorCode());
    JsonObject negative = Json.createObjectBuilder(json).add("forwarded_count", -1).build();
    assertEquals(
        ErrorCode.M_BAD_JSON,
        assertThrows(MatrixException.class, () -> BackedUpKey.fromJson(negative)).errorCode());
  }
}
