package de.timkim.kim.pop3;

import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mailbox.MailboxService;
import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPassCmdHandler;
import org.apache.james.protocols.pop3.mailbox.Mailbox;

/** PASS: the KIM account's password, with the same rate limit as SMTP AUTH. */
final class KimPassCommand extends AbstractPassCmdHandler {

  private final KimAccountService accounts;
  private final MailboxService mailboxes;

  KimPassCommand(MetricFactory metrics, KimAccountService accounts, MailboxService mailboxes) {
    super(metrics);
    this.accounts = accounts;
    this.mailboxes = mailboxes;
  }

  @Override
  protected Mailbox auth(POP3Session session, Username username, String password) {
    return accounts
        .authenticate(username.asString(), password)
        .map(account -> new KimPop3Mailbox(account.address(), mailboxes))
        .orElse(null);
  }
}
