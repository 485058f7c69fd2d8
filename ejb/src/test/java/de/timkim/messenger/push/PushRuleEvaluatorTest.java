package de.timkim.messenger.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushRuleEvaluatorTest {

  private static final String ME = "@bob:localhost";

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
  }

  private static PushRuleEvaluator.Context room(int members) {
    return new PushRuleEvaluator.Context(members, "Bob Builder", 0, JsonValue.EMPTY_JSON_OBJECT);
  }

  private static JsonObject defaults() throws Exception {
    try (InputStream in = PushRuleService.class.getResourceAsStream("default-push-rules.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${user_id}", ME);
      return Json.createReader(new StringReader(text)).readObject().getJsonObject("global");
    }
  }

  private static JsonObject message(String body) {
    return Json.createObjectBuilder()
        .add("type", "m.room.message")
        .add("sender", "@alice:localhost")
        .add("room_id", "!r:localhost")
        .add("content", Json.createObjectBuilder().add("msgtype", "m.text").add("body", body))
        .build();
  }

  @Test
  void globsMatchTheWholeValueCaseInsensitively() {
    JsonObject event = json("{'type':'m.room.message','content':{'msgtype':'m.text'}}");
    assertTrue(PushRuleEvaluator.eventMatch(event, "type", "m.room.*"));
    assertTrue(PushRuleEvaluator.eventMatch(event, "type", "M.ROOM.MESSAGE"));
    assertTrue(PushRuleEvaluator.eventMatch(event, "type", "m.room.messag?"));
    assertFalse(PushRuleEvaluator.eventMatch(event, "type", "m.room"));
    assertFalse(PushRuleEvaluator.eventMatch(event, "type", "room.*"));
    // regex characters in the pattern are literal
    assertFalse(PushRuleEvaluator.eventMatch(event, "type", "m.room.(message|x)"));
    // an absent or non-string value never matches, not even "*"
    assertFalse(PushRuleEvaluator.eventMatch(event, "content.nothing", "*"));
    assertFalse(PushRuleEvaluator.eventMatch(event, "content", "*"));
  }

  @Test
  void bodyPatternsMatchWholeWords() {
    JsonObject event = message("Hallo Bob, bitte den Befund ansehen");
    assertTrue(PushRuleEvaluator.eventMatch(event, "content.body", "bob"));
    assertTrue(PushRuleEvaluator.eventMatch(event, "content.body", "Befund"));
    assertTrue(PushRuleEvaluator.eventMatch(event, "content.body", "bef*"));
    assertFalse(PushRuleEvaluator.eventMatch(event, "content.body", "Bo"));
    assertFalse(PushRuleEvaluator.eventMatch(event, "content.body", "efund"));
  }

  @Test
  void dottedKeysHonourEscapedDotsAndBackslashes() {
    assertEquals(
        List.of("content", "m.mentions", "user_ids"),
        PushRuleEvaluator.splitKey("content.m\\.mentions.user_ids"));
    assertEquals(List.of("a\\b", "c"), PushRuleEvaluator.splitKey("a\\\\b.c"));
    assertEquals(List.of("a\\x"), PushRuleEvaluator.splitKey("a\\x"));
    JsonObject event =
        json("{'content':{'m.mentions':{'room':true},'m':{'mentions':{'room':false}}}}");
    assertEquals(JsonValue.TRUE, PushRuleEvaluator.valueAt(event, "content.m\\.mentions.room"));
    assertEquals(JsonValue.FALSE, PushRuleEvaluator.valueAt(event, "content.m.mentions.room"));
    assertNull(PushRuleEvaluator.valueAt(event, "content.m\\.mentions.user_ids"));
  }

  @Test
  void memberCountUnderstandsEveryOperator() {
    assertTrue(PushRuleEvaluator.memberCountMatches("2", 2));
    assertFalse(PushRuleEvaluator.memberCountMatches("2", 3));
    assertTrue(PushRuleEvaluator.memberCountMatches("==2", 2));
    assertTrue(PushRuleEvaluator.memberCountMatches("<3", 2));
    assertFalse(PushRuleEvaluator.memberCountMatches("<2", 2));
    assertTrue(PushRuleEvaluator.memberCountMatches(">2", 3));
    assertFalse(PushRuleEvaluator.memberCountMatches(">2", 2));
    assertTrue(PushRuleEvaluator.memberCountMatches("<=2", 2));
    assertTrue(PushRuleEvaluator.memberCountMatches(">=2", 2));
    assertFalse(PushRuleEvaluator.memberCountMatches(">=2", 1));
    assertFalse(PushRuleEvaluator.memberCountMatches("=2", 2));
    assertFalse(PushRuleEvaluator.memberCountMatches("two", 2));
    assertFalse(PushRuleEvaluator.memberCountMatches("", 2));
  }

  @Test
  void propertyConditionsCompareExactValues() {
    JsonObject event =
        json("{'content':{'n':5,'flag':true,'s':'x','none':null,'list':['a',3,false]}}");
    PushRuleEvaluator.Context context = room(2);
    assertTrue(
        PushRuleEvaluator.conditionHolds(
            json("{'kind':'event_property_is','key':'content.n','value':5}"), event, context));
    assertFalse(
        PushRuleEvaluator.conditionHolds(
            json("{'kind':'event_property_is','key':'content.n','value':'5'}"), event, context));
    assertTrue(
        PushRuleEvaluator.conditionHolds(
            json("{'kind':'event_property_is','key':'content.none','value':null}"),
            event,
            context));
    assertTrue(
        PushRuleEvaluator.conditionHolds(
            json("{'kind':'event_property_contains','key':'content.list','value':3}"),
            event,
            context));
    assertFalse(
        PushRuleEvaluator.conditionHolds(
            json("{'kind':'event_property_contains','key':'content.list','value':'b'}"),
            event,
            context));
    assertFalse(
        PushRuleEvaluator.conditionHolds(
            json("{'kind':'event_property_contains','key':'content.s','value':'x'}"),
            event,
            context));
    assertFalse(PushRuleEvaluator.conditionHolds(json("{'kind':'no_such_kind'}"), event, context));
  }

  @Test
  void displayNameAndNotificationPermission() {
    JsonObject condition = json("{'kind':'contains_display_name'}");
    assertTrue(PushRuleEvaluator.conditionHolds(condition, message("hi bob builder!"), room(3)));
    assertFalse(PushRuleEvaluator.conditionHolds(condition, message("hi bob"), room(3)));
    JsonObject permission = json("{'kind':'sender_notification_permission','key':'room'}");
    assertFalse(PushRuleEvaluator.conditionHolds(permission, message("@room"), room(3)));
    assertTrue(
        PushRuleEvaluator.conditionHolds(
            permission,
            message("@room"),
            new PushRuleEvaluator.Context(3, null, 50, JsonValue.EMPTY_JSON_OBJECT)));
    assertFalse(
        PushRuleEvaluator.conditionHolds(
            permission,
            message("@room"),
            new PushRuleEvaluator.Context(3, null, 50, json("{'room':100}"))));
  }

  @Test
  void defaultRulesNotifyInOneToOneRoomsAndHighlightMentions() throws Exception {
    JsonObject global = defaults();
    PushRuleEvaluator.Outcome plain =
        PushRuleEvaluator.evaluate(global, message("Guten Morgen"), room(2));
    assertTrue(plain.notifies());
    assertFalse(plain.highlight());

    JsonObject mention =
        Json.createObjectBuilder(message("Bob?"))
            .add(
                "content",
                json("{'msgtype':'m.text','body':'Bob?','m.mentions':{'user_ids':['" + ME + "']}}"))
            .build();
    PushRuleEvaluator.Outcome highlighted = PushRuleEvaluator.evaluate(global, mention, room(5));
    assertTrue(highlighted.notifies());
    assertTrue(highlighted.highlight());

    // in a group room a plain message still notifies (.m.rule.message), a notice does not
    assertTrue(PushRuleEvaluator.evaluate(global, message("Hallo"), room(5)).notifies());
    JsonObject notice =
        Json.createObjectBuilder(message("n"))
            .add("content", json("{'msgtype':'m.notice','body':'n'}"))
            .build();
    assertFalse(PushRuleEvaluator.evaluate(global, notice, room(2)).notifies());
    // encrypted events in a DM notify
    JsonObject encrypted =
        json("{'type':'m.room.encrypted','sender':'@alice:localhost','content':{}}");
    assertTrue(PushRuleEvaluator.evaluate(global, encrypted, room(2)).notifies());
  }

  @Test
  void anOverrideWithoutActionsMutesTheRoomEvenForMentions() throws Exception {
    JsonObject global = defaults();
    JsonObject mute =
        json(
            "{'rule_id':'!r:localhost','default':false,'enabled':true,'actions':[],"
                + "'conditions':[{'kind':'event_match','key':'room_id','pattern':'!r:localhost'}]}");
    JsonObject muted =
        Json.createObjectBuilder(global)
            .add(
                "override",
                Json.createArrayBuilder()
                    .add(global.getJsonArray("override").get(0))
                    .add(mute)
                    .addAll(
                        Json.createArrayBuilder(
                            global
                                .getJsonArray("override")
                                .subList(1, global.getJsonArray("override").size()))))
            .build();
    JsonObject mention =
        Json.createObjectBuilder(message("Bob?"))
            .add(
                "content",
                json("{'msgtype':'m.text','body':'x','m.mentions':{'user_ids':['" + ME + "']}}"))
            .build();
    assertEquals(
        PushRuleEvaluator.Outcome.NOTHING, PushRuleEvaluator.evaluate(muted, mention, room(2)));
    // a disabled mute rule no longer applies
    JsonObject disabled =
        Json.createObjectBuilder(muted)
            .add(
                "override",
                Json.createArrayBuilder().add(Json.createObjectBuilder(mute).add("enabled", false)))
            .build();
    assertTrue(PushRuleEvaluator.evaluate(disabled, message("x"), room(2)).notifies());
    // a room rule works the same way
    JsonObject roomRule =
        Json.createObjectBuilder(global)
            .add(
                "room",
                Json.createArrayBuilder()
                    .add(
                        json(
                            "{'rule_id':'!r:localhost','enabled':true,'actions':['dont_notify']}")))
            .build();
    assertFalse(PushRuleEvaluator.evaluate(roomRule, message("x"), room(2)).notifies());
  }
}
