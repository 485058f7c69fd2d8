package de.timkim.kim.dsn;

import de.timkim.kim.accounts.KimAddress;
import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.mailbox.MailboxService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells senders what became of their messages, as they asked with NOTIFY (RFC 3461): the report
 * goes into the sender's mailbox here, from the null sender so nothing ever answers it.
 */
@Stateless
public class DeliveryReports {

  private static final Logger LOG = Logger.getLogger(DeliveryReports.class.getName());

  @Inject MailboxService mailboxes;

  @Inject KimDomains domains;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "kim.host-name", defaultValue = "localhost")
  String hostName;

  /**
   * Puts one report for the outcomes the sender asked to hear about into the sender's mailbox;
   * nothing if it asked for none of them (or the sender has no mailbox here).
   *
   * @return whether a report was written
   */
  public boolean notifySender(
      KimAddress sender,
      DsnEnvelope envelope,
      List<DeliveryOutcome> outcomes,
      byte[] originalHeaders,
      long arrivalMillis) {
    List<DeliveryOutcome> wanted =
        outcomes.stream().filter(o -> o.recipient().wants(o.event())).toList();
    if (sender == null || wanted.isEmpty()) {
      return false;
    }
    if (!domains.isLocal(sender)) {
      // senders submit here after AUTH, so they have a mailbox here; anything else is a bug
      LOG.warning(() -> "No mailbox here for the sender " + sender + "; report not written");
      return false;
    }
    byte[] report =
        DsnReport.write(
            hostName,
            domains.primaryDomain(),
            sender,
            envelope,
            wanted,
            originalHeaders,
            arrivalMillis,
            ZonedDateTime.now(clock));
    mailboxes.deliverGenerated(sender, report);
    LOG.info(
        () ->
            "Delivery report for "
                + sender
                + ": "
                + wanted.stream().map(o -> o.action() + " " + o.recipient().address()).toList());
    return true;
  }
}
