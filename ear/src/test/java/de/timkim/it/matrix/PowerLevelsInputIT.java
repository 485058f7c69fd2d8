package de.timkim.it.matrix;

import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.createRoom;
import static de.timkim.it.MatrixClient.json;
import static de.timkim.it.MatrixClient.room;
import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Power levels are integers (room versions 10 and later): fractions, numbers outside canonical
 * JSON's range and numbers written as strings are refused with 400 M_BAD_JSON, in {@code PUT
 * /state/m.room.power_levels} and in createRoom's power_level_content_override.
 */
@ExtendWith(ArquillianExtension.class)
class PowerLevelsInputIT extends DeployedEar {

  private static final List<String> BAD =
      List.of(
          "{\"users_default\":1.5}",
          "{\"ban\":\"50\"}",
          "{\"kick\":9007199254740992}",
          "{\"events\":{\"m.room.name\":50.5}}",
          "{\"users\":{\"@x:localhost\":1e400}}");

  @Test
  void nonIntegerPowerLevelsAreRefusedInStateEvents() throws Exception {
    Account alice = MatrixAccounts.register("pl-state");
    String roomId = createRoom(alice, "{}");
    String path = room(roomId, "/state/m.room.power_levels/");
    JsonObject current = call("GET", path, alice, null).json();
    for (String bad : BAD) {
      JsonObject changed =
          Json.createObjectBuilder(current)
              .addAll(Json.createObjectBuilder(json(bad)))
              .add(
                  "users",
                  Json.createObjectBuilder(current.getJsonObject("users"))
                      .addAll(
                          Json.createObjectBuilder(
                              json(bad).containsKey("users")
                                  ? json(bad).getJsonObject("users")
                                  : JsonObject.EMPTY_JSON_OBJECT)))
              .build();
      Http.Reply reply = call("PUT", path, alice, changed.toString());
      assertEquals(400, reply.status(), bad + " " + reply.body());
      assertEquals("M_BAD_JSON", reply.json().getString("errcode"), bad);
    }
    JsonObject fine = Json.createObjectBuilder(current).add("invite", 50).build();
    assertEquals(200, call("PUT", path, alice, fine.toString()).status());
  }

  @Test
  void nonIntegerPowerLevelsAreRefusedInCreateRoomOverrides() throws Exception {
    Account alice = MatrixAccounts.register("pl-create");
    for (String bad : BAD) {
      Http.Reply reply =
          call(
              "POST",
              "/_matrix/client/v3/createRoom",
              alice,
              "{\"power_level_content_override\":" + bad + "}");
      assertEquals(400, reply.status(), bad + " " + reply.body());
      assertEquals("M_BAD_JSON", reply.json().getString("errcode"), bad);
    }
    Http.Reply fine =
        call(
            "POST",
            "/_matrix/client/v3/createRoom",
            alice,
            "{\"power_level_content_override\":{\"invite\":50}}");
    assertEquals(200, fine.status(), fine.body());
  }
}
