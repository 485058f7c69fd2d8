package de.timkim.kim.smtp;

import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.mail.KimAddress;

/** KIM delivers only within the TI: to a domain served here ({@code kim.domains}) or routed. */
final class RecipientDomainIsServedHere implements RecipientRule {

  private final KimDomains domains;

  RecipientDomainIsServedHere(KimDomains domains) {
    this.domains = domains;
  }

  @Override
  public Verdict check(SmtpClient client, KimAddress recipient) throws SmtpReply {
    if (domains.isLocal(recipient)) {
      return Verdict.NEXT;
    }
    if (client.isPeer()) {
      throw SmtpReply.reject(
          550, "5.7.1", "Relaying denied: " + recipient.domain() + " is not served here");
    }
    throw SmtpReply.reject(
        550,
        "5.1.2",
        "Domain "
            + recipient.domain()
            + " is not a KIM domain served here or routed to another KIM Fachdienst"
            + " (kim.relay.routes); KIM delivers only within the TI");
  }
}
