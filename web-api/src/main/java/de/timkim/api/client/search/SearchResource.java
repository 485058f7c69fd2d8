package de.timkim.api.client.search;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.rooms.ClientEvents;
import de.timkim.messenger.search.MessageSearchService;
import de.timkim.messenger.stream.StreamToken;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SearchResource {

  @Inject MessageSearchService search;

  @Inject CurrentUser currentUser;

  @Inject Clock clock;

  /**
   * POST /_matrix/client/v3/search —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3search (room_events, newest
   * first; no groupings or event context).
   */
  @POST
  @Path("v3/search")
  public JsonObject search(@QueryParam("next_batch") String nextBatch, String body) {
    JsonObject categories = JsonBody.parse(body).optionalObject("search_categories");
    if (categories == null || !(categories.get("room_events") instanceof JsonObject criteria)) {
      return Jsonp.createObjectBuilder()
          .add("search_categories", JsonValue.EMPTY_JSON_OBJECT)
          .build();
    }
    if (!(criteria.get("search_term") instanceof JsonString term)) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "room_events needs a search_term");
    }
    List<String> rooms = null;
    if (criteria.get("filter") instanceof JsonObject filter
        && filter.get("rooms") instanceof JsonArray listed) {
      rooms = strings(listed);
    }
    var results =
        search.search(
            currentUser.get(),
            term.getString(),
            criteria.get("keys") instanceof JsonArray keys ? strings(keys) : null,
            rooms,
            StreamToken.parse(nextBatch));
    JsonArrayBuilder hits = Jsonp.createArrayBuilder();
    long now = clock.millis();
    results
        .events()
        .forEach(
            e ->
                hits.add(
                    Jsonp.createObjectBuilder()
                        .add("rank", 1)
                        .add("result", ClientEvents.toClient(e, currentUser.get(), now, true))));
    JsonObjectBuilder roomEvents =
        Jsonp.createObjectBuilder()
            .add("count", results.events().size())
            .add("highlights", Jsonp.createArrayBuilder().add(term.getString()))
            .add("results", hits);
    if (results.nextBefore() != null) {
      roomEvents.add("next_batch", StreamToken.of(results.nextBefore()));
    }
    return Jsonp.createObjectBuilder()
        .add("search_categories", Jsonp.createObjectBuilder().add("room_events", roomEvents))
        .build();
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    for (JsonValue value : array) {
      if (!(value instanceof JsonString s)) {
        throw new MatrixException(ErrorCode.M_BAD_JSON, "Expected a list of strings");
      }
      out.add(s.getString());
    }
    return out;
  }
}
