package de.timkim.messenger.accounts;

/**
 * What a successful register, login or refresh hands the client.
 *
 * @param refreshToken null unless the client asked for refresh tokens
 * @param expiresInMs null when the access token does not expire
 */
public record LoginResult(
    UserId userId, String deviceId, String accessToken, String refreshToken, Long expiresInMs) {}
