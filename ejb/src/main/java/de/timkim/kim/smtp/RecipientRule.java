package de.timkim.kim.smtp;

import de.timkim.kim.mail.KimAddress;

/**
 * One rule about RCPT TO (Apache James's RcptHook): the rules run in order until one refuses (the
 * client hears it) or accepts (the rest are skipped).
 */
interface RecipientRule {

  /** What a rule decided, if it did not refuse. */
  enum Verdict {
    /** This rule has nothing against it: the next rule decides. */
    NEXT,
    /** Accepted: no further rule applies. */
    ACCEPT
  }

  /**
   * @throws SmtpReply the refusal
   */
  Verdict check(SmtpClient client, KimAddress recipient) throws SmtpReply;
}
