package de.timkim.api.client.rooms;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.rooms.ClientEvents;
import de.timkim.messenger.rooms.RoomRepository;
import de.timkim.messenger.rooms.RoomStateReads;
import de.timkim.messenger.stream.StreamToken;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/** Reading rooms' state: joined rooms, state events, members. */
@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoomStateResource {

  @Inject RoomRepository rooms;

  @Inject RoomStateReads stateReads;

  @Inject CurrentUser currentUser;

  @Inject Clock clock;

  /**
   * GET /_matrix/client/v3/joined_rooms —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3joined_rooms
   */
  @GET
  @Path("v3/joined_rooms")
  public JsonObject joinedRooms() {
    JsonArrayBuilder ids = Jsonp.createArrayBuilder();
    rooms.joinedRooms(currentUser.get()).forEach(ids::add);
    return Jsonp.createObjectBuilder().add("joined_rooms", ids).build();
  }

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/state —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3roomsroomidstate
   */
  @GET
  @Path("v3/rooms/{roomId}/state")
  public jakarta.json.JsonArray state(@PathParam("roomId") String roomId) {
    return events(stateReads.currentState(currentUser.get(), roomId));
  }

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3roomsroomidstateeventtypestatekey
   */
  @GET
  @Path("v3/rooms/{roomId}/state/{eventType}/{stateKey}")
  public JsonObject stateEvent(
      @PathParam("roomId") String roomId,
      @PathParam("eventType") String type,
      @PathParam("stateKey") String stateKey,
      @QueryParam("format") @DefaultValue("content") String format) {
    StoredEvent event = stateReads.stateEvent(currentUser.get(), roomId, type, stateKey);
    return "event".equals(format) ? toClient(event) : event.content();
  }

  /** GET /_matrix/client/v3/rooms/{roomId}/state/{eventType} — the empty state key. */
  @GET
  @Path("v3/rooms/{roomId}/state/{eventType}")
  public JsonObject stateEventEmptyKey(
      @PathParam("roomId") String roomId,
      @PathParam("eventType") String type,
      @QueryParam("format") @DefaultValue("content") String format) {
    return stateEvent(roomId, type, "", format);
  }

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/members —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3roomsroomidmembers ({@code
   * at}: the members at a sync's prev_batch, as lazy-loading clients ask).
   */
  @GET
  @Path("v3/rooms/{roomId}/members")
  public JsonObject members(
      @PathParam("roomId") String roomId,
      @QueryParam("at") String at,
      @QueryParam("membership") String membership,
      @QueryParam("not_membership") String notMembership) {
    List<StoredEvent> members =
        stateReads.members(
            currentUser.get(),
            roomId,
            m ->
                (membership == null || membership.equals(m))
                    && (notMembership == null || !notMembership.equals(m)),
            StreamToken.parse(at));
    return Jsonp.createObjectBuilder().add("chunk", events(members)).build();
  }

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/joined_members —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3roomsroomidjoined_members
   */
  @GET
  @Path("v3/rooms/{roomId}/joined_members")
  public JsonObject joinedMembers(@PathParam("roomId") String roomId) {
    JsonObjectBuilder joined = Jsonp.createObjectBuilder();
    for (StoredEvent member : stateReads.members(currentUser.get(), roomId, "join"::equals)) {
      JsonObject content = member.content();
      JsonObjectBuilder profile = Jsonp.createObjectBuilder();
      if (content.get("displayname") instanceof jakarta.json.JsonString name) {
        profile.add("display_name", name);
      }
      if (content.get("avatar_url") instanceof jakarta.json.JsonString avatar) {
        profile.add("avatar_url", avatar);
      }
      joined.add(member.stateKey(), profile);
    }
    return Jsonp.createObjectBuilder().add("joined", joined).build();
  }

  private jakarta.json.JsonArray events(List<StoredEvent> list) {
    JsonArrayBuilder out = Jsonp.createArrayBuilder();
    list.forEach(e -> out.add(toClient(e)));
    return out.build();
  }

  private JsonObject toClient(StoredEvent event) {
    Requester requester = currentUser.get();
    return ClientEvents.toClient(event, requester, clock.millis(), true);
  }
}
