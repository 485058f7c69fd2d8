package de.timkim.admin.members;

import java.io.Serializable;

/**
 * A registration token for any new user of one service, as automation (REST) sees it. {@code token}
 * is the token itself only right after it was issued (only its hash is stored), else null.
 */
public record ServiceToken(
    String serverName, int completed, Integer usesAllowed, Long expiryTime, String token)
    implements Serializable {}
