package de.timkim.api.client.discovery;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.messenger.retention.RetentionService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
public class CapabilitiesResource {

  /**
   * GET /_matrix/client/v3/capabilities —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3capabilities. Accounts and
   * their contact data belong to the organisation (TI-M), hence no third-party-ID changes.
   */
  @Inject RetentionService retention;

  @Inject CurrentUser currentUser;

  /**
   * ... plus {@code de.timkim.retention}: after how many months (0: never) the organisation's
   * messenger service deletes messages and files, so clients can show it.
   */
  @GET
  @Path("v3/capabilities")
  @Authenticated
  public JsonObject capabilities() {
    int months = retention.months(currentUser.get().userId().serverName());
    return Json.createObjectBuilder()
        .add(
            "capabilities",
            Json.createObjectBuilder()
                .add("m.change_password", Json.createObjectBuilder().add("enabled", true))
                .add(
                    "m.room_versions",
                    Json.createObjectBuilder()
                        .add("default", "10")
                        .add(
                            "available",
                            Json.createObjectBuilder().add("10", "stable").add("11", "stable")))
                .add("m.set_displayname", Json.createObjectBuilder().add("enabled", true))
                .add("m.set_avatar_url", Json.createObjectBuilder().add("enabled", true))
                .add("m.3pid_changes", Json.createObjectBuilder().add("enabled", false))
                .add("de.timkim.retention", Json.createObjectBuilder().add("months", months)))
        .build();
  }
}
