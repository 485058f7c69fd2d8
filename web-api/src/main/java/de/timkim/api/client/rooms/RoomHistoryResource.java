package de.timkim.api.client.rooms;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.rooms.ClientEvents;
import de.timkim.messenger.rooms.HistoryAccess;
import de.timkim.messenger.rooms.RoomRepository;
import de.timkim.messenger.rooms.RoomStateReads;
import de.timkim.messenger.rooms.RoomTimeline;
import de.timkim.messenger.stream.StreamToken;
import de.timkim.messenger.sync.EventFilter;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
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

/** Reading rooms: joined rooms, state, members, events, history pages, context. */
@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoomHistoryResource {

  private static final int MAX_LIMIT = 1000;

  @Inject HistoryAccess history;

  @Inject RoomRepository rooms;

  @Inject RoomStateReads stateReads;

  @Inject RoomTimeline timeline;

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
    return events(stateReads.currentState(currentUser.get(), roomId), true);
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
    return "event".equals(format) ? toClient(event, true) : event.content();
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
    return Jsonp.createObjectBuilder().add("chunk", events(members, true)).build();
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

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/event/{eventId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3roomsroomideventeventid
   */
  @GET
  @Path("v3/rooms/{roomId}/event/{eventId}")
  public JsonObject event(
      @PathParam("roomId") String roomId, @PathParam("eventId") String eventId) {
    return toClient(history.event(currentUser.get(), roomId, eventId), true);
  }

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/messages —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3roomsroomidmessages
   */
  @GET
  @Path("v3/rooms/{roomId}/messages")
  public JsonObject messages(
      @PathParam("roomId") String roomId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("dir") String dir,
      @QueryParam("limit") String limit,
      @QueryParam("filter") String filter) {
    if (!"b".equals(dir) && !"f".equals(dir)) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "dir must be 'b' or 'f'");
    }
    EventFilter roomEventFilter = EventFilter.of(filterObject(filter));
    var page =
        timeline.messages(
            currentUser.get(),
            roomId,
            StreamToken.parse(from),
            "b".equals(dir),
            StreamToken.parse(to),
            limit(limit, 10),
            roomEventFilter.events(),
            roomEventFilter.lazyLoadMembers());
    JsonObjectBuilder body =
        Jsonp.createObjectBuilder()
            .add("chunk", events(page.chunk(), true))
            .add("start", StreamToken.of(page.start()));
    if (page.end() != null) {
      body.add("end", StreamToken.of(page.end()));
    }
    return body.add("state", events(page.state(), true)).build();
  }

  /**
   * GET /_matrix/client/v1/rooms/{roomId}/threads —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv1roomsroomidthreads
   */
  @GET
  @Path("v1/rooms/{roomId}/threads")
  public JsonObject threads(
      @PathParam("roomId") String roomId,
      @QueryParam("include") @DefaultValue("all") String include,
      @QueryParam("from") String from,
      @QueryParam("limit") String limit) {
    if (!"all".equals(include) && !"participated".equals(include)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "include must be 'all' or 'participated'");
    }
    var page =
        timeline.threads(
            currentUser.get(),
            roomId,
            "participated".equals(include),
            StreamToken.parse(from),
            limit(limit, 20));
    JsonArrayBuilder chunk = Jsonp.createArrayBuilder();
    for (var thread : page.threads()) {
      chunk.add(
          ClientEvents.withThreadSummary(
              toClient(thread.root(), true),
              toClient(thread.latest(), true),
              thread.count(),
              thread.participated()));
    }
    JsonObjectBuilder body = Jsonp.createObjectBuilder().add("chunk", chunk);
    if (page.next() != null) {
      body.add("next_batch", StreamToken.of(page.next()));
    }
    return body.build();
  }

  /**
   * GET /_matrix/client/v1/rooms/{roomId}/timestamp_to_event —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv1roomsroomidtimestamp_to_event
   */
  @GET
  @Path("v1/rooms/{roomId}/timestamp_to_event")
  public JsonObject timestampToEvent(
      @PathParam("roomId") String roomId,
      @QueryParam("ts") String ts,
      @QueryParam("dir") String dir) {
    if (ts == null || dir == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "ts and dir are required");
    }
    if (!"b".equals(dir) && !"f".equals(dir)) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "dir must be 'b' or 'f'");
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(ts);
    } catch (NumberFormatException e) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "ts must be milliseconds since the epoch");
    }
    StoredEvent event = timeline.eventNear(currentUser.get(), roomId, timestamp, "f".equals(dir));
    return Jsonp.createObjectBuilder()
        .add("event_id", event.eventId())
        .add("origin_server_ts", event.originServerTs())
        .build();
  }

  /**
   * GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]] —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv1roomsroomidrelationseventid
   * (recursion is not offered: {@code recurse} is ignored, as the spec allows).
   */
  @GET
  @Path("v1/rooms/{roomId}/relations/{eventId}")
  public JsonObject relations(
      @PathParam("roomId") String roomId,
      @PathParam("eventId") String eventId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("dir") String dir,
      @QueryParam("limit") String limit) {
    return relationsOf(roomId, eventId, null, null, from, to, dir, limit);
  }

  @GET
  @Path("v1/rooms/{roomId}/relations/{eventId}/{relType}")
  public JsonObject relationsOfType(
      @PathParam("roomId") String roomId,
      @PathParam("eventId") String eventId,
      @PathParam("relType") String relType,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("dir") String dir,
      @QueryParam("limit") String limit) {
    return relationsOf(roomId, eventId, relType, null, from, to, dir, limit);
  }

  @GET
  @Path("v1/rooms/{roomId}/relations/{eventId}/{relType}/{eventType}")
  public JsonObject relationsOfTypeAndEventType(
      @PathParam("roomId") String roomId,
      @PathParam("eventId") String eventId,
      @PathParam("relType") String relType,
      @PathParam("eventType") String eventType,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("dir") String dir,
      @QueryParam("limit") String limit) {
    return relationsOf(roomId, eventId, relType, eventType, from, to, dir, limit);
  }

  private JsonObject relationsOf(
      String roomId,
      String eventId,
      String relType,
      String eventType,
      String from,
      String to,
      String dir,
      String limit) {
    if (dir != null && !"b".equals(dir) && !"f".equals(dir)) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "dir must be 'b' or 'f'");
    }
    var page =
        timeline.relations(
            currentUser.get(),
            roomId,
            eventId,
            relType,
            eventType,
            StreamToken.parse(from),
            !"f".equals(dir),
            StreamToken.parse(to),
            limit(limit, 50));
    JsonObjectBuilder body = Jsonp.createObjectBuilder().add("chunk", events(page.chunk(), true));
    if (page.end() != null) {
      body.add("next_batch", StreamToken.of(page.end()));
    }
    if (from != null) {
      body.add("prev_batch", from);
    }
    return body.build();
  }

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/context/{eventId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3roomsroomidcontexteventid
   */
  @GET
  @Path("v3/rooms/{roomId}/context/{eventId}")
  public JsonObject context(
      @PathParam("roomId") String roomId,
      @PathParam("eventId") String eventId,
      @QueryParam("limit") String limit,
      @QueryParam("filter") String filter) {
    EventFilter roomEventFilter = EventFilter.of(filterObject(filter));
    var context =
        timeline.context(
            currentUser.get(),
            roomId,
            eventId,
            limit(limit, 10),
            roomEventFilter.events(),
            roomEventFilter.lazyLoadMembers());
    JsonObjectBuilder body =
        Jsonp.createObjectBuilder()
            .add("event", toClient(context.event(), true))
            .add("events_before", events(context.before().chunk(), true))
            .add("events_after", events(context.after().chunk(), true))
            .add("state", events(context.state(), true))
            .add(
                "start",
                StreamToken.of(context.before().end() == null ? 0 : context.before().end()))
            .add(
                "end",
                StreamToken.of(
                    context.after().end() == null
                        ? context.after().chunk().stream()
                            .mapToLong(StoredEvent::streamOrdering)
                            .max()
                            .orElse(context.event().streamOrdering())
                        : context.after().end()));
    return body.build();
  }

  private static int limit(String value, int defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit < 0) {
        throw new NumberFormatException();
      }
      return Math.min(limit, MAX_LIMIT);
    } catch (NumberFormatException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "limit must be a non-negative integer");
    }
  }

  private static JsonObject filterObject(String filter) {
    return filter == null || filter.isBlank() ? null : JsonBody.parse(filter).object();
  }

  private jakarta.json.JsonArray events(List<StoredEvent> list, boolean withRoomId) {
    JsonArrayBuilder out = Jsonp.createArrayBuilder();
    list.forEach(e -> out.add(toClient(e, withRoomId)));
    return out.build();
  }

  private JsonObject toClient(StoredEvent event, boolean withRoomId) {
    Requester requester = currentUser.get();
    return ClientEvents.toClient(event, requester, clock.millis(), withRoomId);
  }
}
