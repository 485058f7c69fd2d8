package de.timkim.api.client.media;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.messenger.media.MediaService;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The deprecated /_matrix/media/v3 reads. Downloads and thumbnails are frozen (spec v1.11: the
 * unauthenticated endpoints MAY answer 404 M_NOT_FOUND); config and preview_url answer as their v1
 * successors for clients that have not moved yet.
 */
@Path("_matrix/media")
@Produces(MediaType.APPLICATION_JSON)
public class LegacyMediaResource {

  @Inject MediaService media;

  @Inject CurrentUser currentUser;

  /**
   * GET /_matrix/media/v3/download/{serverName}/{mediaId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixmediav3downloadservernamemediaid
   * (frozen: 404 M_NOT_FOUND).
   */
  @GET
  @Path("v3/download/{serverName}/{mediaId}")
  public JsonObject download(
      @PathParam("serverName") String serverName, @PathParam("mediaId") String mediaId) {
    media.unauthenticatedDownload(serverName, mediaId);
    return Jsonp.createObjectBuilder().build();
  }

  /**
   * GET /_matrix/media/v3/download/{serverName}/{mediaId}/{fileName} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixmediav3downloadservernamemediaidfilename
   * (frozen: 404 M_NOT_FOUND).
   */
  @GET
  @Path("v3/download/{serverName}/{mediaId}/{fileName}")
  public JsonObject downloadAs(
      @PathParam("serverName") String serverName, @PathParam("mediaId") String mediaId) {
    media.unauthenticatedDownload(serverName, mediaId);
    return Jsonp.createObjectBuilder().build();
  }

  /**
   * GET /_matrix/media/v3/thumbnail/{serverName}/{mediaId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixmediav3thumbnailservernamemediaid
   * (frozen: 404 M_NOT_FOUND).
   */
  @GET
  @Path("v3/thumbnail/{serverName}/{mediaId}")
  public JsonObject thumbnail(
      @PathParam("serverName") String serverName, @PathParam("mediaId") String mediaId) {
    media.unauthenticatedDownload(serverName, mediaId);
    return Jsonp.createObjectBuilder().build();
  }

  /**
   * GET /_matrix/media/v3/config —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixmediav3config
   */
  @GET
  @Path("v3/config")
  @Authenticated
  public JsonObject config() {
    return Jsonp.createObjectBuilder().add("m.upload.size", media.maxUploadBytes()).build();
  }

  /**
   * GET /_matrix/media/v3/preview_url —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixmediav3preview_url (refused).
   */
  @GET
  @Path("v3/preview_url")
  @Authenticated
  public JsonObject previewUrl() {
    media.previewUrl(currentUser.get());
    return Jsonp.createObjectBuilder().build();
  }
}
