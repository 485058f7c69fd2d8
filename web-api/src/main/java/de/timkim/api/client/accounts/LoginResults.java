package de.timkim.api.client.accounts;

import de.timkim.messenger.accounts.LoginResult;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The wire form of a login, registration or refresh response. */
final class LoginResults {

  private LoginResults() {}

  static JsonObject toJson(LoginResult result, boolean withUserAndDevice) {
    JsonObjectBuilder body = Jsonp.createObjectBuilder();
    if (withUserAndDevice) {
      body.add("user_id", result.userId().toString());
      if (result.deviceId() != null) {
        body.add("device_id", result.deviceId());
      }
    }
    if (result.accessToken() != null) {
      body.add("access_token", result.accessToken());
    }
    if (result.refreshToken() != null) {
      body.add("refresh_token", result.refreshToken());
    }
    if (result.expiresInMs() != null) {
      body.add("expires_in_ms", result.expiresInMs());
    }
    return body.build();
  }
}
