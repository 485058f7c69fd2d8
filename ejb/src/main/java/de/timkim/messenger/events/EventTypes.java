package de.timkim.messenger.events;

/**
 * The Matrix event types the server itself interprets
 * (https://spec.matrix.org/v1.11/client-server-api/#room-events), named once as Synapse's {@code
 * api/constants.py} does, so a type is never misspelt in one of the places that reads it.
 */
public final class EventTypes {

  public static final String CREATE = "m.room.create";
  public static final String MEMBER = "m.room.member";
  public static final String POWER_LEVELS = "m.room.power_levels";
  public static final String JOIN_RULES = "m.room.join_rules";
  public static final String HISTORY_VISIBILITY = "m.room.history_visibility";
  public static final String GUEST_ACCESS = "m.room.guest_access";
  public static final String NAME = "m.room.name";
  public static final String TOPIC = "m.room.topic";
  public static final String AVATAR = "m.room.avatar";
  public static final String CANONICAL_ALIAS = "m.room.canonical_alias";
  public static final String ENCRYPTION = "m.room.encryption";
  public static final String REDACTION = "m.room.redaction";
  public static final String MESSAGE = "m.room.message";
  public static final String TOMBSTONE = "m.room.tombstone";
  public static final String SERVER_ACL = "m.room.server_acl";

  private EventTypes() {}
}
