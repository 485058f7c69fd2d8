package de.timkim.api.ops.admin;

import de.timkim.api.json.JsonBody;
import de.timkim.organisations.TenantScope;
import de.timkim.organisations.directory.DepartmentContact;
import de.timkim.organisations.directory.OrganisationDirectory;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_tim/v1/admin/directory")
@Produces(MediaType.APPLICATION_JSON)
@AdminAuthenticated
public class DirectoryAdminResource {

  @Inject CurrentAdmin admin;

  @Inject OrganisationDirectory directory;

  /**
   * GET /_tim/v1/admin/directory — the organisation's VZD entries and published users (stored here;
   * not yet pushed to the VZD FHIR directory).
   */
  @GET
  public JsonObject list() {
    TenantScope scope = admin.scope();
    JsonArrayBuilder entries = Jsonp.createArrayBuilder();
    directory.entries(scope).forEach(e -> entries.add(toJson(e)));
    JsonArrayBuilder users = Jsonp.createArrayBuilder();
    directory.publishedUsers(scope).forEach(users::add);
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
  public JsonObject add(String body) {
    JsonBody json = JsonBody.parse(body);
    return toJson(
        directory.addEntry(
            admin.scope(),
            json.string("department"),
            json.optionalString("phone"),
            json.optionalString("email"),
            json.optionalString("address")));
  }

  /** DELETE /_tim/v1/admin/directory/entries/{id} — removes one of the organisation's entries. */
  @DELETE
  @Path("entries/{id}")
  public JsonObject remove(@PathParam("id") long id) {
    directory.removeEntry(admin.scope(), id);
    return Jsonp.createObjectBuilder().build();
  }

  private static JsonObject toJson(DepartmentContact entry) {
    JsonObjectBuilder json =
        Jsonp.createObjectBuilder().add("id", entry.id()).add("department", entry.department());
    if (entry.phone() != null) {
      json.add("phone", entry.phone());
    }
    if (entry.email() != null) {
      json.add("email", entry.email());
    }
    if (entry.address() != null) {
      json.add("address", entry.address());
    }
    return json.build();
  }
}
