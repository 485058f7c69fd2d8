package de.timkim.messenger.rooms;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * POST /createRoom's options, type-checked by the edge
 * (https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3createroom).
 */
public record CreateRoomRequest(
    String preset,
    String visibility,
    String roomVersion,
    String name,
    String topic,
    String roomAliasName,
    List<String> invite,
    boolean isDirect,
    List<JsonObject> initialState,
    JsonObject creationContent,
    JsonObject powerLevelContentOverride) {}
