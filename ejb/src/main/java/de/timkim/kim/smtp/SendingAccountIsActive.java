package de.timkim.kim.smtp;

import de.timkim.kim.accounts.AccountState;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mail.KimAddress;

/** A locked or deregistered KIM account cannot send, though it may still log in to fetch mail. */
final class SendingAccountIsActive implements SenderRule {

  private final KimAccountService accounts;

  SendingAccountIsActive(KimAccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public void check(SmtpClient client, KimAddress sender) throws SmtpReply {
    if (client.isPeer()) {
      return;
    }
    AccountState state =
        accounts.find(sender).map(KimAccount::state).orElse(AccountState.DEREGISTERED);
    if (state != AccountState.ACTIVE) {
      throw SmtpReply.reject(
          550, "5.7.1", "The KIM account is " + state.name().toLowerCase() + ": it cannot send");
    }
  }
}
