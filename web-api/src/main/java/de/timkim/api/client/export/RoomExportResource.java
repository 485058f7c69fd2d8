package de.timkim.api.client.export;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.messenger.export.RoomExport;
import de.timkim.messenger.export.RoomExportService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** Chat export, authenticated with the Matrix access token. */
@Path("_tim/v1/rooms")
@Authenticated
public class RoomExportResource {

  @Inject RoomExportService exports;

  @Inject CurrentUser currentUser;

  /**
   * GET /_tim/v1/rooms/{roomId}/export?format=json|html — TI-M chat export (no Matrix spec
   * endpoint; see docs/matrix-api.md, "Chat export"). The checks run first, so a refusal is a
   * Matrix error; the file is then streamed as an attachment.
   */
  @GET
  @Path("{roomId}/export")
  public Response export(@PathParam("roomId") String roomId, @QueryParam("format") String format) {
    RoomExport export = exports.prepare(currentUser.get(), roomId, format);
    StreamingOutput body = out -> exports.write(export, out);
    return Response.ok(body, export.format().mediaType())
        .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }
}
