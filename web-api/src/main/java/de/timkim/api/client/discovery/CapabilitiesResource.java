package de.timkim.api.client.discovery;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.messenger.retention.RetentionService;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
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
    return Jsonp.createObjectBuilder()
        .add(
            "capabilities",
            Jsonp.createObjectBuilder()
                .add("m.change_password", Jsonp.createObjectBuilder().add("enabled", true))
                .add(
                    "m.room_versions",
                    Jsonp.createObjectBuilder()
                        .add("default", "10")
                        .add(
                            "available",
                            Jsonp.createObjectBuilder().add("10", "stable").add("11", "stable")))
                .add("m.set_displayname", Jsonp.createObjectBuilder().add("enabled", true))
                .add("m.set_avatar_url", Jsonp.createObjectBuilder().add("enabled", true))
                .add("m.3pid_changes", Jsonp.createObjectBuilder().add("enabled", false))
                .add("de.timkim.retention", Jsonp.createObjectBuilder().add("months", months)))
        .build();
  }
}
