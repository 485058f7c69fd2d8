package de.timkim.api.client.push;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.push.PushRuleService;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PushRulesResource {

  @Inject PushRuleService pushRules;

  @Inject CurrentUser currentUser;

  /**
   * GET /_matrix/client/v3/pushrules/ —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3pushrules
   */
  @GET
  @Path("v3/pushrules/")
  public JsonObject all() {
    return pushRules.rules(currentUser.get().userId());
  }

  /**
   * GET /_matrix/client/v3/pushrules/{scope}/ —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3pushrulesglobal
   */
  @GET
  @Path("v3/pushrules/{scope}/")
  public JsonObject scope(@PathParam("scope") String scope) {
    if (!"global".equals(scope)) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown push rule scope " + scope);
    }
    return pushRules.rules(currentUser.get().userId()).getJsonObject("global");
  }

  /**
   * GET /_matrix/client/v3/pushrules/{scope}/{kind}/{ruleId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3pushrulesglobalkindruleid
   */
  @GET
  @Path("v3/pushrules/{scope}/{kind}/{ruleId}")
  public JsonObject rule(
      @PathParam("scope") String scope,
      @PathParam("kind") String kind,
      @PathParam("ruleId") String ruleId) {
    return pushRules.rule(currentUser.get().userId(), scope, kind, ruleId);
  }

  /**
   * PUT /_matrix/client/v3/pushrules/{scope}/{kind}/{ruleId} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3pushrulesglobalkindruleid
   */
  @PUT
  @Path("v3/pushrules/{scope}/{kind}/{ruleId}")
  public JsonObject putRule(
      @PathParam("scope") String scope,
      @PathParam("kind") String kind,
      @PathParam("ruleId") String ruleId,
      @QueryParam("before") String before,
      @QueryParam("after") String after,
      String body) {
    pushRules.putRule(
        currentUser.get().userId(),
        scope,
        kind,
        ruleId,
        before,
        after,
        JsonBody.parse(body).object());
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * DELETE /_matrix/client/v3/pushrules/{scope}/{kind}/{ruleId} —
   * https://spec.matrix.org/v1.11/client-server-api/#delete_matrixclientv3pushrulesglobalkindruleid
   */
  @DELETE
  @Path("v3/pushrules/{scope}/{kind}/{ruleId}")
  public JsonObject deleteRule(
      @PathParam("scope") String scope,
      @PathParam("kind") String kind,
      @PathParam("ruleId") String ruleId) {
    pushRules.deleteRule(currentUser.get().userId(), scope, kind, ruleId);
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * GET /_matrix/client/v3/pushrules/{scope}/{kind}/{ruleId}/enabled —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3pushrulesglobalkindruleidenabled
   */
  @GET
  @Path("v3/pushrules/{scope}/{kind}/{ruleId}/enabled")
  public JsonObject enabled(
      @PathParam("scope") String scope,
      @PathParam("kind") String kind,
      @PathParam("ruleId") String ruleId) {
    JsonObject rule = pushRules.rule(currentUser.get().userId(), scope, kind, ruleId);
    return Jsonp.createObjectBuilder().add("enabled", rule.getBoolean("enabled", true)).build();
  }

  /**
   * PUT /_matrix/client/v3/pushrules/{scope}/{kind}/{ruleId}/enabled —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3pushrulesglobalkindruleidenabled
   */
  @PUT
  @Path("v3/pushrules/{scope}/{kind}/{ruleId}/enabled")
  public JsonObject setEnabled(
      @PathParam("scope") String scope,
      @PathParam("kind") String kind,
      @PathParam("ruleId") String ruleId,
      String body) {
    JsonBody json = JsonBody.parse(body);
    if (!json.has("enabled")) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'enabled'");
    }
    pushRules.setEnabled(
        currentUser.get().userId(), scope, kind, ruleId, json.bool("enabled", true));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * GET /_matrix/client/v3/pushrules/{scope}/{kind}/{ruleId}/actions —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3pushrulesglobalkindruleidactions
   */
  @GET
  @Path("v3/pushrules/{scope}/{kind}/{ruleId}/actions")
  public JsonObject actions(
      @PathParam("scope") String scope,
      @PathParam("kind") String kind,
      @PathParam("ruleId") String ruleId) {
    JsonObject rule = pushRules.rule(currentUser.get().userId(), scope, kind, ruleId);
    return Jsonp.createObjectBuilder().add("actions", rule.getJsonArray("actions")).build();
  }

  /**
   * PUT /_matrix/client/v3/pushrules/{scope}/{kind}/{ruleId}/actions —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3pushrulesglobalkindruleidactions
   */
  @PUT
  @Path("v3/pushrules/{scope}/{kind}/{ruleId}/actions")
  public JsonObject setActions(
      @PathParam("scope") String scope,
      @PathParam("kind") String kind,
      @PathParam("ruleId") String ruleId,
      String body) {
    pushRules.setActions(
        currentUser.get().userId(),
        scope,
        kind,
        ruleId,
        JsonBody.parse(body).object().get("actions"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }
}
