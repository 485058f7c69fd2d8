package de.timkim.api.client.directory;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.ServerNames;
import de.timkim.messenger.directory.DirectoryService;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
public class DirectorySearchResource {

  @Inject DirectoryService directory;

  @Inject CurrentUser currentUser;

  @Inject ServerNames serverNames;

  /**
   * POST /_matrix/client/v3/user_directory/search —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3user_directorysearch
   */
  @POST
  @Path("v3/user_directory/search")
  @Authenticated
  public JsonObject searchUsers(String body) {
    JsonBody json = JsonBody.parse(body);
    var found =
        directory.searchUsers(
            currentUser.get(), json.string("search_term"), limit(json.optionalLong("limit"), 10));
    JsonArrayBuilder results = Jsonp.createArrayBuilder();
    for (var hit : found.results()) {
      JsonObjectBuilder entry = Jsonp.createObjectBuilder().add("user_id", hit.userId());
      if (hit.displayName() != null) {
        entry.add("display_name", hit.displayName());
      }
      if (hit.avatarUrl() != null) {
        entry.add("avatar_url", hit.avatarUrl());
      }
      results.add(entry);
    }
    return Jsonp.createObjectBuilder()
        .add("results", results)
        .add("limited", found.limited())
        .build();
  }

  /**
   * GET /_matrix/client/v3/publicRooms —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3publicrooms. The spec lets
   * servers serve this without a token; TI-M's public rooms are local to one messenger service, so
   * only its own users (an access token for the server name the Host header addresses) see the
   * list: anyone else gets 401 M_MISSING_TOKEN, a user of another service 403 (security review,
   * finding 22).
   */
  @GET
  @Path("v3/publicRooms")
  @Authenticated
  public JsonObject publicRooms(
      @HeaderParam("Host") String host,
      @QueryParam("limit") String limit,
      @QueryParam("since") String since,
      @QueryParam("server") String server) {
    Long parsed = null;
    if (limit != null) {
      try {
        parsed = Long.parseLong(limit);
      } catch (NumberFormatException e) {
        throw new MatrixException(ErrorCode.M_INVALID_PARAM, "limit must be an integer");
      }
    }
    String serverName = serverNames.forHost(host);
    if (!currentUser.get().userId().serverName().equalsIgnoreCase(serverName)) {
      throw new MatrixException(
          ErrorCode.M_FORBIDDEN, "Public rooms are listed for the server name's own users only");
    }
    return publicRoomsOf(serverName, server, null, since, parsed);
  }

  /**
   * POST /_matrix/client/v3/publicRooms —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3publicrooms
   */
  @POST
  @Path("v3/publicRooms")
  @Authenticated
  public JsonObject searchPublicRooms(@QueryParam("server") String server, String body) {
    JsonBody json = JsonBody.parse(body);
    JsonObject filter = json.optionalObject("filter");
    String term = null;
    if (filter != null && filter.containsKey("generic_search_term")) {
      if (!(filter.get("generic_search_term") instanceof jakarta.json.JsonString s)) {
        throw new MatrixException(ErrorCode.M_BAD_JSON, "generic_search_term must be a string");
      }
      term = s.getString();
    }
    return publicRoomsOf(
        currentUser.get().userId().serverName(),
        server,
        term,
        json.optionalString("since"),
        json.optionalLong("limit"));
  }

  /**
   * GET /_matrix/client/v3/directory/list/room/{roomId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3directorylistroomroomid
   */
  @GET
  @Path("v3/directory/list/room/{roomId}")
  public JsonObject visibility(@PathParam("roomId") String roomId) {
    return Jsonp.createObjectBuilder().add("visibility", directory.visibility(roomId)).build();
  }

  /**
   * PUT /_matrix/client/v3/directory/list/room/{roomId} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3directorylistroomroomid
   */
  @PUT
  @Path("v3/directory/list/room/{roomId}")
  @Authenticated
  public JsonObject changeVisibility(@PathParam("roomId") String roomId, String body) {
    directory.changeVisibility(
        currentUser.get(), roomId, JsonBody.parse(body).string("visibility"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  private JsonObject publicRoomsOf(
      String serverName, String server, String term, String since, Long limit) {
    if (server != null && !server.equalsIgnoreCase(serverName)) {
      // other servers' lists need federation
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown server " + server);
    }
    int offset = 0;
    if (since != null) {
      try {
        offset = Integer.parseInt(since.startsWith("o") ? since.substring(1) : "x");
      } catch (NumberFormatException e) {
        throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Invalid 'since' token");
      }
    }
    var page = directory.publicRooms(serverName, term, offset, limit(limit, 100));
    JsonArrayBuilder chunk = Jsonp.createArrayBuilder();
    for (var room : page.chunk()) {
      JsonObjectBuilder entry =
          Jsonp.createObjectBuilder()
              .add("room_id", room.roomId())
              .add("num_joined_members", room.joinedMembers())
              .add("world_readable", room.worldReadable())
              .add("guest_can_join", room.guestCanJoin());
      if (room.name() != null) {
        entry.add("name", room.name());
      }
      if (room.topic() != null) {
        entry.add("topic", room.topic());
      }
      if (room.canonicalAlias() != null) {
        entry.add("canonical_alias", room.canonicalAlias());
      }
      if (room.avatarUrl() != null) {
        entry.add("avatar_url", room.avatarUrl());
      }
      if (room.joinRule() != null) {
        entry.add("join_rule", room.joinRule());
      }
      chunk.add(entry);
    }
    JsonObjectBuilder out =
        Jsonp.createObjectBuilder()
            .add("chunk", chunk)
            .add("total_room_count_estimate", page.total());
    if (page.nextOffset() != null) {
      out.add("next_batch", "o" + page.nextOffset());
    }
    if (offset > 0) {
      out.add("prev_batch", "o" + Math.max(0, offset - limit(limit, 100)));
    }
    return out.build();
  }

  private static int limit(Long value, int defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (value < 0) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "limit must not be negative");
    }
    return (int) Math.min(value, 1000);
  }
}
