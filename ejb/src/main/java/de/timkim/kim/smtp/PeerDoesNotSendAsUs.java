package de.timkim.kim.smtp;

import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.mail.KimAddress;
import java.util.logging.Logger;

/**
 * Another Fachdienst relays for its own users, never for this Fachdienst's domains: those users log
 * in here. This installation's own certificate (a node relaying to itself) may use any.
 */
final class PeerDoesNotSendAsUs implements SenderRule {

  private static final Logger LOG = Logger.getLogger(PeerDoesNotSendAsUs.class.getName());

  private final KimDomains domains;
  private final PeerDomains peers;

  PeerDoesNotSendAsUs(KimDomains domains, PeerDomains peers) {
    this.domains = domains;
    this.peers = peers;
  }

  @Override
  public void check(SmtpClient client, KimAddress sender) throws SmtpReply {
    if (!client.isPeer() || peers.isOwn(client.peerCertificate()) || !domains.isLocal(sender)) {
      return;
    }
    LOG.info(
        () ->
            "Relay from "
                + client.peerName()
                + " refused: it claims our domain "
                + sender.domain());
    throw SmtpReply.reject(
        550, "5.7.1", "A relaying Fachdienst cannot send as " + sender.domain() + ": served here");
  }
}
