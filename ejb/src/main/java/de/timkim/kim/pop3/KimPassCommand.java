package de.timkim.kim.pop3;

import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mailbox.MailboxService;
import java.time.Clock;
import java.util.logging.Logger;
import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.mailbox.Mailbox;

/**
 * PASS: the KIM account's password, with the same rate limit as SMTP AUTH; then the maildrop lock
 * (RFC 1939 §8), refused with RFC 2449's {@code [IN-USE]} while another session holds it.
 */
final class KimPassCommand extends InUseAwarePassCommand {

  private static final Logger LOG = Logger.getLogger(KimPassCommand.class.getName());

  private final KimAccountService accounts;
  private final MailboxService mailboxes;
  private final MaildropLocks locks;
  private final Clock clock;
  private final MaildropLease.Settings leases;

  KimPassCommand(
      MetricFactory metrics,
      KimAccountService accounts,
      MailboxService mailboxes,
      MaildropLocks locks,
      Clock clock,
      MaildropLease.Settings leases) {
    super(metrics, "Another POP3 session is using this mailbox; try again later");
    this.accounts = accounts;
    this.mailboxes = mailboxes;
    this.locks = locks;
    this.clock = clock;
    this.leases = leases;
  }

  @Override
  protected Mailbox auth(POP3Session session, Username username, String password) {
    if (session.getUserMailbox() instanceof KimPop3Mailbox earlier) {
      // a login of this connection that failed after taking the lock (James' STAT threw)
      earlier.close();
    }
    return accounts
        .authenticate(
            username.asString(),
            password,
            session.getRemoteAddress() == null
                ? "unknown"
                : session.getRemoteAddress().getAddress().getHostAddress())
        .map(
            account -> {
              MaildropLease lease = MaildropLease.acquire(locks, clock, account.address(), leases);
              if (lease == null) {
                LOG.info(() -> "POP3 login of " + account.address() + " refused: mailbox in use");
                refuseAsInUse(session);
                return null;
              }
              return (Mailbox) new KimPop3Mailbox(account.address(), mailboxes, lease);
            })
        .orElse(null);
  }
}
