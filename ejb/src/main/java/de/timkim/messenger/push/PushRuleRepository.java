package de.timkim.messenger.push;

import de.timkim.messenger.accounts.UserId;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables push_rule (a user's own rules) and push_rule_default_change (a user's changes to the
 * enabled flag and actions of default rules), through the calling bean's entity manager and so in
 * its transaction.
 */
class PushRuleRepository {

  private final EntityManager em;

  PushRuleRepository(EntityManager em) {
    this.em = em;
  }

  /** Writes one own rule anew; its priority is set by {@link #reorder}. */
  void replaceOwnRule(
      String user, String kind, String ruleId, String conditions, String pattern, String actions) {
    deleteOwnRule(user, kind, ruleId);
    // conditions and pattern are exclusive: the other is written as NULL (an untyped null
    // parameter is refused by PostgreSQL's driver)
    em.createNativeQuery(
            "INSERT INTO push_rule (user_id, kind, rule_id, priority, conditions, pattern, actions,"
                + " enabled) VALUES (?1, ?2, ?3, 0, "
                + (conditions != null ? "?4, NULL" : pattern != null ? "NULL, ?4" : "NULL, NULL")
                + ", ?5, TRUE)")
        .setParameter(1, user)
        .setParameter(2, kind)
        .setParameter(3, ruleId)
        .setParameter(4, conditions != null ? conditions : pattern != null ? pattern : "")
        .setParameter(5, actions)
        .executeUpdate();
  }

  /** Gives the user's own rules of a kind the priorities of {@code order}, best first. */
  void reorder(String user, String kind, List<String> order) {
    for (int i = 0; i < order.size(); i++) {
      em.createNativeQuery(
              "UPDATE push_rule SET priority = ?1 WHERE user_id = ?2 AND kind = ?3 AND rule_id = ?4")
          .setParameter(1, (long) (order.size() - i))
          .setParameter(2, user)
          .setParameter(3, kind)
          .setParameter(4, order.get(i))
          .executeUpdate();
    }
  }

  /** Returns how many rules went (0 or 1). */
  int deleteOwnRule(String user, String kind, String ruleId) {
    return em.createNativeQuery(
            "DELETE FROM push_rule WHERE user_id = ?1 AND kind = ?2 AND rule_id = ?3")
        .setParameter(1, user)
        .setParameter(2, kind)
        .setParameter(3, ruleId)
        .executeUpdate();
  }

  void updateOwn(UserId userId, String kind, String ruleId, String column, Object value) {
    em.createNativeQuery(
            "UPDATE push_rule SET "
                + column
                + " = ?1 WHERE user_id = ?2 AND kind = ?3 AND rule_id = ?4")
        .setParameter(1, value)
        .setParameter(2, userId.toString())
        .setParameter(3, kind)
        .setParameter(4, ruleId)
        .executeUpdate();
  }

  void changeDefault(UserId userId, String ruleId, Boolean enabled, String actions) {
    int updated =
        em.createNativeQuery(
                "UPDATE push_rule_default_change SET "
                    + (enabled != null ? "enabled" : "actions")
                    + " = ?1 WHERE user_id = ?2 AND rule_id = ?3")
            .setParameter(1, enabled != null ? enabled : actions)
            .setParameter(2, userId.toString())
            .setParameter(3, ruleId)
            .executeUpdate();
    if (updated == 0) {
      em.createNativeQuery(
              "INSERT INTO push_rule_default_change (user_id, rule_id, enabled, actions) VALUES"
                  + (enabled != null ? " (?1, ?2, ?3, NULL)" : " (?1, ?2, NULL, ?3)"))
          .setParameter(1, userId.toString())
          .setParameter(2, ruleId)
          .setParameter(3, enabled != null ? enabled : actions)
          .executeUpdate();
    }
  }

  @SuppressWarnings("unchecked")
  List<String> ownRuleIds(String user, String kind) {
    return em.createNativeQuery(
            "SELECT rule_id FROM push_rule WHERE user_id = ?1 AND kind = ?2"
                + " ORDER BY priority DESC, rule_id")
        .setParameter(1, user)
        .setParameter(2, kind)
        .getResultList();
  }

  /** Rows: user_id, kind, rule_id, conditions, pattern, actions, enabled; best first. */
  @SuppressWarnings("unchecked")
  List<Object[]> userRules(Collection<String> users) {
    return em.createNativeQuery(
            "SELECT user_id, kind, rule_id, conditions, pattern, actions, enabled FROM push_rule"
                + " WHERE user_id IN (:users) ORDER BY priority DESC, rule_id")
        .setParameter("users", users)
        .getResultList();
  }

  /**
   * Rows: "own" or "default", user_id, kind, rule_id, conditions, pattern, actions, enabled; the
   * users' own rules best first as {@link #userRules} orders them, their changes to the default
   * rules (kind, conditions and pattern empty) after them.
   */
  @SuppressWarnings("unchecked")
  List<Object[]> ownRulesAndDefaultChanges(Collection<String> users) {
    return em.createNativeQuery(
            "SELECT 'own', user_id, kind, rule_id, conditions, pattern, actions, enabled, priority"
                + " FROM push_rule WHERE user_id IN (:users)"
                + " UNION ALL SELECT 'default', user_id, NULL, rule_id, NULL, NULL, actions, enabled,"
                + " NULL FROM push_rule_default_change WHERE user_id IN (:users)"
                + " ORDER BY 1 DESC, 9 DESC, 4")
        .setParameter("users", users)
        .getResultList();
  }

  /** Rows: user_id, rule_id, enabled, actions. */
  @SuppressWarnings("unchecked")
  private List<Object[]> defaultChanges(Collection<String> users) {
    return em.createNativeQuery(
            "SELECT user_id, rule_id, enabled, actions FROM push_rule_default_change"
                + " WHERE user_id IN (:users)")
        .setParameter("users", users)
        .getResultList();
  }

  Map<String, Object[]> changes(UserId userId) {
    Map<String, Object[]> byRule = new HashMap<>();
    defaultChanges(List.of(userId.toString())).forEach(r -> byRule.put((String) r[1], r));
    return byRule;
  }
}
