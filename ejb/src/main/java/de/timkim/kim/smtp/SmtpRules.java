package de.timkim.kim.smtp;

import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.relay.RelayRoutes;
import java.util.List;

/**
 * The sender and recipient rules of KIM's SMTP, in the order they are asked (Apache James's
 * SMTPProtocolHandlerChain). Adding a rule is adding a class here.
 */
record SmtpRules(List<SenderRule> senderRules, List<RecipientRule> recipientRules) {

  static SmtpRules kim(
      KimAccountService accounts, KimDomains domains, RelayRoutes routes, PeerDomains peers) {
    return new SmtpRules(
        List.of(
            new SenderIsTheLoggedInAccount(),
            new SendingAccountIsActive(accounts),
            new PeerDoesNotSendAsUs(domains, peers),
            new PeerSendsForItsCertifiedDomains(peers)),
        List.of(
            new RoutedRecipientsAreRelayed(routes),
            new RecipientDomainIsServedHere(domains),
            new RecipientMailboxReceives(accounts)));
  }

  void checkSender(SmtpClient client, KimAddress sender) throws SmtpReply {
    for (SenderRule rule : senderRules) {
      rule.check(client, sender);
    }
  }

  void checkRecipient(SmtpClient client, KimAddress recipient) throws SmtpReply {
    for (RecipientRule rule : recipientRules) {
      if (rule.check(client, recipient) == RecipientRule.Verdict.ACCEPT) {
        return;
      }
    }
  }
}
