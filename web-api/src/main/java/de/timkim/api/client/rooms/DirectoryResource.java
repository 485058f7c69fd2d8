package de.timkim.api.client.rooms;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.rooms.RoomAliases;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Room aliases. */
@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DirectoryResource {

  @Inject RoomAliases aliases;

  @Inject CurrentUser currentUser;

  /**
   * GET /_matrix/client/v3/directory/room/{roomAlias} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3directoryroomroomalias
   */
  @GET
  @Path("v3/directory/room/{roomAlias}")
  public JsonObject resolve(@PathParam("roomAlias") String alias) {
    String roomId = aliases.resolve(alias.startsWith("#") ? alias : "#" + alias);
    String server = roomId.substring(roomId.indexOf(':') + 1);
    return Jsonp.createObjectBuilder()
        .add("room_id", roomId)
        .add("servers", Jsonp.createArrayBuilder().add(server))
        .build();
  }

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/aliases —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3roomsroomidaliases
   */
  @GET
  @Path("v3/rooms/{roomId}/aliases")
  public JsonObject aliases(@PathParam("roomId") String roomId) {
    return Jsonp.createObjectBuilder()
        .add("aliases", Jsonp.createArrayBuilder(aliases.localAliases(currentUser.get(), roomId)))
        .build();
  }

  /**
   * PUT /_matrix/client/v3/directory/room/{roomAlias} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3directoryroomroomalias
   */
  @PUT
  @Path("v3/directory/room/{roomAlias}")
  public JsonObject create(@PathParam("roomAlias") String alias, String body) {
    aliases.createAlias(currentUser.get(), alias, JsonBody.parse(body).string("room_id"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * DELETE /_matrix/client/v3/directory/room/{roomAlias} —
   * https://spec.matrix.org/v1.11/client-server-api/#delete_matrixclientv3directoryroomroomalias
   */
  @DELETE
  @Path("v3/directory/room/{roomAlias}")
  public JsonObject delete(@PathParam("roomAlias") String alias) {
    aliases.deleteAlias(currentUser.get(), alias);
    return JsonValue.EMPTY_JSON_OBJECT;
  }
}
