package de.timkim.kim.smtp;

import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.relay.RelayRoutes;

/**
 * A KIM account may write to another Fachdienst's domain behind a route ({@code kim.relay.routes}):
 * relayed after acceptance, its accounts are not known here. A relaying peer may not: a relay is
 * never relayed on.
 */
final class RoutedRecipientsAreRelayed implements RecipientRule {

  private final RelayRoutes routes;

  RoutedRecipientsAreRelayed(RelayRoutes routes) {
    this.routes = routes;
  }

  @Override
  public Verdict check(SmtpClient client, KimAddress recipient) {
    return !client.isPeer() && routes.routeFor(recipient).isPresent()
        ? Verdict.ACCEPT
        : Verdict.NEXT;
  }
}
