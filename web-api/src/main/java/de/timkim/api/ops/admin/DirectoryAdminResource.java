package de.timkim.api.ops.admin;

import de.timkim.api.json.JsonBody;
import de.timkim.organisations.directory.DirectoryEntry;
import de.timkim.organisations.directory.OrganisationDirectory;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_tim/v1/admin/directory")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryAdminResource {

  @Inject AdminCredentials credentials;

  @Inject OrganisationDirectory directory;

  /**
   * GET /_tim/v1/admin/directory — the organisation's VZD entries and published users (stored here;
   * not yet pushed to the VZD FHIR directory).
   */
  @GET
  public JsonObject list(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-TIM-OTP") String oneTimeCode) {
    var admin = credentials.require(authorization, oneTimeCode);
    JsonArrayBuilder entries = Jsonp.createArrayBuilder();
    directory.entries(admin).forEach(e -> entries.add(toJson(e)));
    JsonArrayBuilder users = Jsonp.createArrayBuilder();
    directory.publishedUsers(admin).forEach(users::add);
    return Jsonp.createObjectBuilder()
        .add("entries", entries)
        .add("published_users", users)
        .build();
  }

  /**
   * POST /_tim/v1/admin/directory/entries — {@code {"department", "phone"?, "email"?, "address"?}}.
   */
  @POST
  @Path("entries")
  public JsonObject add(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-TIM-OTP") String oneTimeCode,
      String body) {
    var admin = credentials.require(authorization, oneTimeCode);
    JsonBody json = JsonBody.parse(body);
    return toJson(
        directory.addEntry(
            admin,
            json.string("department"),
            json.optionalString("phone"),
            json.optionalString("email"),
            json.optionalString("address")));
  }

  /** DELETE /_tim/v1/admin/directory/entries/{id} — removes one of the organisation's entries. */
  @DELETE
  @Path("entries/{id}")
  public JsonObject remove(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-TIM-OTP") String oneTimeCode,
      @PathParam("id") long id) {
    var admin = credentials.require(authorization, oneTimeCode);
    directory.removeEntry(admin, id);
    return Jsonp.createObjectBuilder().build();
  }

  private static JsonObject toJson(DirectoryEntry entry) {
    JsonObjectBuilder json =
        Jsonp.createObjectBuilder()
            .add("id", entry.getId())
            .add("department", entry.getDepartment());
    if (entry.getPhone() != null) {
      json.add("phone", entry.getPhone());
    }
    if (entry.getEmail() != null) {
      json.add("email", entry.getEmail());
    }
    if (entry.getAddress() != null) {
      json.add("address", entry.getAddress());
    }
    return json.build();
  }
}
