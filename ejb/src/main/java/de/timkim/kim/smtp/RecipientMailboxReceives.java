package de.timkim.kim.smtp;

import de.timkim.kim.accounts.AccountState;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mail.KimAddress;
import java.util.Optional;

/** A local recipient needs an account that receives: not unknown, deregistered or locked. */
final class RecipientMailboxReceives implements RecipientRule {

  private final KimAccountService accounts;

  RecipientMailboxReceives(KimAccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public Verdict check(SmtpClient client, KimAddress recipient) throws SmtpReply {
    Optional<KimAccount> account = accounts.find(recipient);
    if (account.isEmpty()) {
      throw SmtpReply.reject(550, "5.1.1", "No KIM account " + recipient);
    }
    if (account.get().state() == AccountState.DEREGISTERED) {
      throw SmtpReply.reject(550, "5.1.1", "The KIM mailbox " + recipient + " is deregistered");
    }
    if (account.get().state() != AccountState.ACTIVE) {
      throw SmtpReply.reject(
          550, "5.2.1", "The KIM mailbox " + recipient + " does not receive mail");
    }
    return Verdict.NEXT;
  }
}
