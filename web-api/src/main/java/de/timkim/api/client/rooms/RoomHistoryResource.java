package de.timkim.api.client.rooms;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.rooms.ClientEvents;
import de.timkim.messenger.rooms.HistoryAccess;
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

/** Reading a room's timeline: single events, history pages, threads, relations, context. */
@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoomHistoryResource {

  private static final int MAX_LIMIT = 1000;

  @Inject HistoryAccess history;

  @Inject RoomTimeline timeline;

  @Inject CurrentUser currentUser;

  @Inject Clock clock;

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
