package de.timkim.api.client.media;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.messenger.media.MediaService;
import de.timkim.messenger.media.MxcUri;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * Uploads, which spec v1.11 keeps under /_matrix/media (only downloads moved to
 * /_matrix/client/v1/media). The body is taken as the raw request stream, unbuffered.
 */
@Path("_matrix/media")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MediaUploadResource {

  @Inject MediaService media;

  @Inject CurrentUser currentUser;

  /**
   * POST /_matrix/media/v3/upload —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixmediav3upload
   */
  @POST
  @Path("v3/upload")
  public JsonObject upload(
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Length") String contentLength,
      @QueryParam("filename") String fileName,
      InputStream body) {
    MxcUri uri =
        media.upload(
            currentUser.get(),
            new MediaService.Upload(
                contentType, fileName, MediaParams.contentLength(contentLength), body));
    return Jsonp.createObjectBuilder().add("content_uri", uri.toString()).build();
  }

  /**
   * POST /_matrix/media/v1/create —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixmediav1create
   */
  @POST
  @Path("v1/create")
  public JsonObject create() {
    MediaService.Reservation reservation = media.create(currentUser.get());
    return Jsonp.createObjectBuilder()
        .add("content_uri", reservation.uri().toString())
        .add("unused_expires_at", reservation.unusedExpiresAt())
        .build();
  }

  /**
   * PUT /_matrix/media/v3/upload/{serverName}/{mediaId} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixmediav3uploadservernamemediaid
   */
  @PUT
  @Path("v3/upload/{serverName}/{mediaId}")
  public JsonObject uploadTo(
      @PathParam("serverName") String serverName,
      @PathParam("mediaId") String mediaId,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Length") String contentLength,
      @QueryParam("filename") String fileName,
      InputStream body) {
    media.uploadTo(
        currentUser.get(),
        serverName,
        mediaId,
        new MediaService.Upload(
            contentType, fileName, MediaParams.contentLength(contentLength), body));
    return JsonValue.EMPTY_JSON_OBJECT;
  }
}
