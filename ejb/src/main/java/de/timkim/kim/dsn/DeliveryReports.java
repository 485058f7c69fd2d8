package de.timkim.kim.dsn;

import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.mail.DeliveryOutcome;
import de.timkim.kim.mail.DsnEnvelope;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.SenderReports;
import de.timkim.kim.relay.GeneratedMail;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells senders what became of their messages, as they asked with NOTIFY (RFC 3461): the report
 * goes into the sender's mailbox here, or through the relay queue to the sender's Fachdienst, from
 * the null sender so nothing ever answers it.
 */
@Stateless
@LocalBean
@Local(SenderReports.class)
public class DeliveryReports implements SenderReports {

  private static final Logger LOG = Logger.getLogger(DeliveryReports.class.getName());

  @Inject GeneratedMail generated;

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
  @Override
  public boolean notifySender(
      KimAddress sender,
      DsnEnvelope envelope,
      List<DeliveryOutcome> outcomes,
      byte[] originalHeaders,
      long arrivalMillis) {
    if (sender == null) {
      // RFC 5321 §4.5.5, RFC 3461: never a report about a message from the null sender (a
      // report or an absence note itself), or two Fachdienste could answer each other for ever
      outcomes.stream()
          .filter(o -> o.action() == DeliveryOutcome.Action.FAILED)
          .forEach(
              o ->
                  LOG.info(
                      () ->
                          "Message from the null sender not delivered to "
                              + o.recipient().address()
                              + " ("
                              + o.diagnostic()
                              + "); dropped without a report"));
      return false;
    }
    List<DeliveryOutcome> wanted =
        outcomes.stream().filter(o -> o.recipient().wants(o.event())).toList();
    if (wanted.isEmpty()) {
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
    // a sender at another Fachdienst (relayed in, or submitted to a domain routed elsewhere) gets
    // its report through the relay queue
    if (!generated.deliver(sender, report, "Delivery report")) {
      return false;
    }
    LOG.info(
        () ->
            "Delivery report for "
                + sender
                + ": "
                + wanted.stream().map(o -> o.action() + " " + o.recipient().address()).toList());
    return true;
  }
}
