package de.timkim.kim.smtp;

import de.timkim.kim.mail.KimAddress;

/**
 * One rule about MAIL FROM (Apache James's MailHook): the rules run in order and the first that
 * refuses answers the client.
 */
interface SenderRule {

  /**
   * @param sender the parsed reverse-path; the null sender of a relaying peer is never checked
   * @throws SmtpReply the refusal
   */
  void check(SmtpClient client, KimAddress sender) throws SmtpReply;
}
