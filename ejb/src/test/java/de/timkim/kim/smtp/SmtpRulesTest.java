package de.timkim.kim.smtp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.timkim.kim.mail.KimAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule chain: in order, the first refusal answers, an acceptance ends the recipient rules. */
class SmtpRulesTest {

  private static final SmtpClient ACCOUNT =
      SmtpClient.account(KimAddress.parse("praxis@a.kim.test"));
  private static final KimAddress SOMEONE = KimAddress.parse("klinik@b.kim.test");

  @Test
  void theFirstRefusingSenderRuleAnswersAndLaterRulesAreNotAsked() {
    List<String> asked = new ArrayList<>();
    SmtpRules rules =
        new SmtpRules(
            List.of(
                (client, sender) -> asked.add("first"),
                (client, sender) -> {
                  asked.add("second");
                  throw SmtpReply.reject(550, "5.7.1", "no");
                },
                (client, sender) -> asked.add("third")),
            List.of());
    SmtpReply reply = assertThrows(SmtpReply.class, () -> rules.checkSender(ACCOUNT, SOMEONE));
    assertEquals(550, reply.code());
    assertEquals(List.of("first", "second"), asked);
  }

  @Test
  void anAcceptingRecipientRuleSkipsTheRest() {
    SmtpRules rules =
        new SmtpRules(
            List.of(),
            List.of(
                (client, recipient) -> RecipientRule.Verdict.ACCEPT,
                (client, recipient) -> {
                  throw SmtpReply.reject(550, "5.1.1", "never asked");
                }));
    assertDoesNotThrow(() -> rules.checkRecipient(ACCOUNT, SOMEONE));
  }

  @Test
  void recipientRulesThatPassOnLetTheNextOneRefuse() {
    SmtpRules rules =
        new SmtpRules(
            List.of(),
            List.of(
                (client, recipient) -> RecipientRule.Verdict.NEXT,
                (client, recipient) -> {
                  throw SmtpReply.reject(550, "5.1.2", "not here");
                }));
    assertEquals(
        "5.1.2",
        assertThrows(SmtpReply.class, () -> rules.checkRecipient(ACCOUNT, SOMEONE)).enhancedCode());
  }
}
