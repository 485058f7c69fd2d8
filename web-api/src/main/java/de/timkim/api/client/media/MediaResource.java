package de.timkim.api.client.media;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.messenger.media.MediaContent;
import de.timkim.messenger.media.MediaDownloads;
import de.timkim.messenger.media.MediaService;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The authenticated content repository of spec v1.11. */
@Path("_matrix/client")
@Authenticated
public class MediaResource {

  @Inject MediaService media;

  @Inject MediaDownloads downloads;

  @Inject CurrentUser currentUser;

  /**
   * GET /_matrix/client/v1/media/download/{serverName}/{mediaId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv1mediadownloadservernamemediaid
   */
  @GET
  @Path("v1/media/download/{serverName}/{mediaId}")
  public void download(
      @Suspended AsyncResponse response,
      @PathParam("serverName") String serverName,
      @PathParam("mediaId") String mediaId,
      @QueryParam("timeout_ms") String timeoutMs,
      @HeaderParam("Range") String range) {
    downloads.download(
        currentUser.get(),
        serverName,
        mediaId,
        null,
        MediaParams.optionalLong("timeout_ms", timeoutMs),
        content -> answer(response, content, range),
        response::resume);
  }

  /**
   * GET /_matrix/client/v1/media/download/{serverName}/{mediaId}/{fileName} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv1mediadownloadservernamemediaidfilename
   */
  @GET
  @Path("v1/media/download/{serverName}/{mediaId}/{fileName}")
  public void downloadAs(
      @Suspended AsyncResponse response,
      @PathParam("serverName") String serverName,
      @PathParam("mediaId") String mediaId,
      @PathParam("fileName") String fileName,
      @QueryParam("timeout_ms") String timeoutMs,
      @HeaderParam("Range") String range) {
    downloads.download(
        currentUser.get(),
        serverName,
        mediaId,
        fileName,
        MediaParams.optionalLong("timeout_ms", timeoutMs),
        content -> answer(response, content, range),
        response::resume);
  }

  /**
   * GET /_matrix/client/v1/media/thumbnail/{serverName}/{mediaId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv1mediathumbnailservernamemediaid
   */
  @GET
  @Path("v1/media/thumbnail/{serverName}/{mediaId}")
  public void thumbnail(
      @Suspended AsyncResponse response,
      @PathParam("serverName") String serverName,
      @PathParam("mediaId") String mediaId,
      @QueryParam("width") String width,
      @QueryParam("height") String height,
      @QueryParam("method") String method,
      @QueryParam("timeout_ms") String timeoutMs,
      @HeaderParam("Range") String range) {
    downloads.thumbnail(
        currentUser.get(),
        serverName,
        mediaId,
        MediaParams.requiredInt("width", width),
        MediaParams.requiredInt("height", height),
        method,
        MediaParams.optionalLong("timeout_ms", timeoutMs),
        content -> answer(response, content, range),
        response::resume);
  }

  /** Downloads of reserved media may answer from another thread once the content arrived. */
  private static void answer(AsyncResponse response, MediaContent content, String range) {
    Response streamed;
    try {
      streamed = MediaResponses.stream(content, range);
    } catch (RuntimeException e) {
      response.resume(e);
      return;
    }
    response.resume(streamed);
  }

  /**
   * GET /_matrix/client/v1/media/config —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv1mediaconfig
   */
  @GET
  @Path("v1/media/config")
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject config() {
    return Jsonp.createObjectBuilder().add("m.upload.size", media.maxUploadBytes()).build();
  }

  /**
   * GET /_matrix/client/v1/media/preview_url —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv1mediapreview_url. Refused:
   * see {@link MediaService#previewUrl}.
   */
  @GET
  @Path("v1/media/preview_url")
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject previewUrl() {
    media.previewUrl(currentUser.get());
    return Jsonp.createObjectBuilder().build();
  }
}
