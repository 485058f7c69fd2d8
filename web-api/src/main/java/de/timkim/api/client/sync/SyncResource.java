package de.timkim.api.client.sync;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.stream.StreamToken;
import de.timkim.messenger.sync.SyncFilter;
import de.timkim.messenger.sync.SyncLongPoll;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SyncResource {

  @Inject SyncLongPoll longPoll;

  @Inject AccountDataService accountData;

  @Inject CurrentUser currentUser;

  /**
   * GET /_matrix/client/v3/sync —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3sync. Suspended while it
   * waits, so a waiting client holds no server thread.
   */
  @GET
  @Path("v3/sync")
  public void sync(
      @Suspended AsyncResponse response,
      @QueryParam("since") String since,
      @QueryParam("timeout") @DefaultValue("0") String timeout,
      @QueryParam("filter") String filter,
      @QueryParam("full_state") @DefaultValue("false") boolean fullState,
      @QueryParam("set_presence") String setPresence) {
    var requester = currentUser.get();
    long timeoutMs;
    try {
      timeoutMs = Long.parseLong(timeout);
    } catch (NumberFormatException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "timeout must be an integer");
    }
    JsonObject definition = null;
    if (filter != null && !filter.isBlank()) {
      definition =
          filter.trim().startsWith("{")
              ? JsonBody.parse(filter).object()
              : accountData.filter(requester.userId(), filter);
    }
    // no response.setTimeout: SyncLongPoll answers every request by its own timeout, and
    // RESTEasy's setTimeout looked its context providers up on the class path each time (a quarter
    // of the CPU a sync cost)
    longPoll.sync(
        requester,
        StreamToken.parse(since),
        StreamToken.acknowledgesToDevice(since),
        SyncFilter.of(definition),
        fullState,
        setPresence,
        timeoutMs,
        result -> response.resume(SyncResponseJson.of(result)),
        response::resume);
  }
}
