package de.timkim.kim.mail;

import java.util.Set;

/**
 * A recipient with what its sender asked to be told about it. {@code conditions} null means no
 * NOTIFY parameter (RFC 3461 §4.1: then failures are reported); empty means NOTIFY=NEVER. {@code
 * originalRecipient} is the decoded ORCPT ({@code rfc822;addr}) or null.
 */
public record DsnRecipient(KimAddress address, Set<Notify> conditions, String originalRecipient) {

  public static DsnRecipient plain(KimAddress address) {
    return new DsnRecipient(address, null, null);
  }

  /** Whether the sender wants a report when delivery to this recipient ends with {@code event}. */
  public boolean wants(Notify event) {
    if (conditions == null) {
      return event == Notify.FAILURE;
    }
    return conditions.contains(event);
  }
}
