package de.timkim.api.limits;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies above {@code tim.http.max-json-bytes} (1 MiB) with 413 M_TOO_LARGE on
 * every path but the media uploads, before authentication and before a resource reads them. The
 * listener's max-post-size must allow 110 MB uploads and so cannot protect the JSON endpoints
 * (unauthenticated ones included) from being made to buffer that much: a declared Content-Length is
 * refused at once, a chunked body as soon as its bytes pass the limit, never read whole first.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 500)
public class RequestBodyLimit implements ContainerRequestFilter {

  private static final String UPLOAD_PATH = "_matrix/media/v3/upload";

  @Inject
  @ConfigProperty(name = "tim.http.max-json-bytes", defaultValue = "1048576")
  long maxJsonBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    if (isMediaUpload(request)) {
      // MediaService streams these to disk and counts against tim.media.max-upload-bytes
      return;
    }
    String declared = request.getHeaderString("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException malformed) {
        length = -1;
      }
      if (length > maxJsonBytes) {
        throw tooLarge(maxJsonBytes);
      }
    }
    request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxJsonBytes));
  }

  private static boolean isMediaUpload(ContainerRequestContext request) {
    String method = request.getMethod();
    if (!"POST".equals(method) && !"PUT".equals(method)) {
      return false;
    }
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    return path.equals(UPLOAD_PATH) || path.startsWith(UPLOAD_PATH + "/");
  }

  static MatrixException tooLarge(long maxBytes) {
    return new MatrixException(
        ErrorCode.M_TOO_LARGE, "Request bodies are limited to " + maxBytes + " bytes");
  }
}
