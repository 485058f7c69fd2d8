package de.timkim.messenger.events;

/**
 * The values of {@code membership} in an {@code m.room.member} event
 * (https://spec.matrix.org/v1.11/client-server-api/#mroommember).
 */
public final class Membership {

  public static final String JOIN = "join";
  public static final String INVITE = "invite";
  public static final String LEAVE = "leave";
  public static final String BAN = "ban";
  public static final String KNOCK = "knock";

  private Membership() {}
}
