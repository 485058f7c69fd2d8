package de.timkim.kim.smtp;

import de.timkim.kim.mail.KimAddress;

/** A KIM account sends only as itself: MAIL FROM must be the address it logged in as. */
final class SenderIsTheLoggedInAccount implements SenderRule {

  @Override
  public void check(SmtpClient client, KimAddress sender) throws SmtpReply {
    if (!client.isPeer() && !sender.equals(client.account())) {
      throw SmtpReply.reject(553, "5.7.1", "The sender must be the KIM address you logged in as");
    }
  }
}
