package de.timkim.api.client.profile;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.profiles.ProfileService;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ProfileResource {

  @Inject ProfileService profiles;

  @Inject CurrentUser currentUser;

  /**
   * GET /_matrix/client/v3/profile/{userId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3profileuserid
   */
  @GET
  @Path("v3/profile/{userId}")
  public JsonObject profile(@PathParam("userId") String userId) {
    var profile = profiles.profile(UserId.parse(userId));
    JsonObjectBuilder body = Jsonp.createObjectBuilder();
    if (profile.displayname() != null) {
      body.add("displayname", profile.displayname());
    }
    if (profile.avatarUrl() != null) {
      body.add("avatar_url", profile.avatarUrl());
    }
    return body.build();
  }

  /**
   * GET /_matrix/client/v3/profile/{userId}/displayname —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3profileuseriddisplayname
   */
  @GET
  @Path("v3/profile/{userId}/displayname")
  public JsonObject displayname(@PathParam("userId") String userId) {
    String name = profiles.profile(UserId.parse(userId)).displayname();
    return name == null
        ? JsonValue.EMPTY_JSON_OBJECT
        : Jsonp.createObjectBuilder().add("displayname", name).build();
  }

  /**
   * PUT /_matrix/client/v3/profile/{userId}/displayname —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3profileuseriddisplayname
   */
  @PUT
  @Path("v3/profile/{userId}/displayname")
  public JsonObject setDisplayname(@PathParam("userId") String userId, String body) {
    profiles.setDisplayname(
        currentUser.get(),
        UserId.parse(userId),
        JsonBody.parse(body).optionalString("displayname"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * GET /_matrix/client/v3/profile/{userId}/avatar_url —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3profileuseridavatar_url
   */
  @GET
  @Path("v3/profile/{userId}/avatar_url")
  public JsonObject avatarUrl(@PathParam("userId") String userId) {
    String url = profiles.profile(UserId.parse(userId)).avatarUrl();
    return url == null
        ? JsonValue.EMPTY_JSON_OBJECT
        : Jsonp.createObjectBuilder().add("avatar_url", url).build();
  }

  /**
   * PUT /_matrix/client/v3/profile/{userId}/avatar_url —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3profileuseridavatar_url
   */
  @PUT
  @Path("v3/profile/{userId}/avatar_url")
  public JsonObject setAvatarUrl(@PathParam("userId") String userId, String body) {
    profiles.setAvatarUrl(
        currentUser.get(), UserId.parse(userId), JsonBody.parse(body).optionalString("avatar_url"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }
}
