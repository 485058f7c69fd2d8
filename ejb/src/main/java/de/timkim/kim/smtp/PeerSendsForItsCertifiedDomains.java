package de.timkim.kim.smtp;

import de.timkim.kim.mail.KimAddress;
import java.util.logging.Logger;

/**
 * A relaying Fachdienst sends only for the domains its certificate names ({@link PeerDomains},
 * {@code kim.relay.peer-domains}): it is that Fachdienst that authenticated its users.
 */
final class PeerSendsForItsCertifiedDomains implements SenderRule {

  private static final Logger LOG =
      Logger.getLogger(PeerSendsForItsCertifiedDomains.class.getName());

  private final PeerDomains peers;

  PeerSendsForItsCertifiedDomains(PeerDomains peers) {
    this.peers = peers;
  }

  @Override
  public void check(SmtpClient client, KimAddress sender) throws SmtpReply {
    if (!client.isPeer()
        || peers.isOwn(client.peerCertificate())
        || peers.allows(client.peerCertificate(), sender.domain())) {
      return;
    }
    LOG.info(
        () ->
            "Relay from "
                + client.peerName()
                + " refused: its certificate does not name "
                + sender.domain());
    throw SmtpReply.reject(
        550,
        "5.7.1",
        "Your certificate does not name " + sender.domain() + " (kim.relay.peer-domains)");
  }
}
