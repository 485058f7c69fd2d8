package de.timkim.kim.delivery;

import de.timkim.kim.accounts.AccountState;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mail.DeliveryOutcome;
import de.timkim.kim.mail.DsnRecipient;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.StoredBlob;
import de.timkim.kim.mailbox.MailboxEntry;
import de.timkim.kim.mailbox.MailboxService;
import de.timkim.kim.relay.RelayQueue;
import de.timkim.kim.relay.RelayRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings an accepted message to its recipients, once (Apache James's MailDispatcher): into the
 * mailboxes of the recipients here, into the relay queue for those behind a route to another
 * Fachdienst, then the notices the Fachdienst writes itself ({@link DeliveryNotices}). Not
 * transactional itself: each mailbox delivery and each relay hand-off commits on its own, so one
 * that is done stays done when a later one fails.
 */
@ApplicationScoped
public class MailDispatcher {

  private static final Logger LOG = Logger.getLogger(MailDispatcher.class.getName());

  @Inject KimAccountService accounts;

  @Inject MailboxService mailboxes;

  @Inject RelayRoutes routes;

  @Inject RelayQueue relayQueue;

  @Inject DeliveryNotices notices;

  /**
   * Delivers {@code mail}; the pipeline owns its blob from here on (kept, queued or discarded).
   *
   * @throws DeliveryDeferredException if nothing could be kept (the blob is gone, no notice sent)
   */
  public Dispatched dispatch(AcceptedMail mail) throws DeliveryDeferredException {
    List<DeliveryOutcome> outcomes = new ArrayList<>();
    List<KimAddress> deliverable = new ArrayList<>();
    Map<RelayRoutes.Route, List<DsnRecipient>> remote = new LinkedHashMap<>();
    for (DsnRecipient recipient : mail.recipients()) {
      Optional<RelayRoutes.Route> route =
          mail.relayedIn() ? Optional.empty() : routes.routeFor(recipient.address());
      if (route.isPresent()) {
        remote.computeIfAbsent(route.get(), r -> new ArrayList<>()).add(recipient);
      } else if (receives(recipient.address())) {
        deliverable.add(recipient.address());
        outcomes.add(DeliveryOutcome.delivered(recipient));
      } else {
        // accepted at RCPT, but the account may have been locked or deregistered since: that is a
        // failure the sender hears of, never a silent drop
        outcomes.add(
            DeliveryOutcome.failed(
                recipient,
                "5.2.1",
                "550 5.2.1 The KIM mailbox " + recipient.address() + " does not receive mail"));
      }
    }
    List<MailboxEntry> entries = deliverLocally(mail, deliverable);
    boolean blobHandedOver = handOffForRelay(mail, remote, !entries.isEmpty(), outcomes);
    notices.sendAfterDelivery(mail, outcomes);
    if (entries.isEmpty() && !blobHandedOver) {
      mailboxes.discard(mail.blob());
    }
    return new Dispatched(entries.stream().map(MailboxEntry::uid).toList(), !remote.isEmpty());
  }

  private boolean receives(KimAddress address) {
    return accounts.find(address).map(KimAccount::state).orElse(AccountState.DEREGISTERED)
        == AccountState.ACTIVE;
  }

  private List<MailboxEntry> deliverLocally(AcceptedMail mail, List<KimAddress> deliverable)
      throws DeliveryDeferredException {
    try {
      return deliverable.isEmpty()
          ? List.of()
          : mailboxes.deliver(mail.sender(), deliverable, mail.blob());
    } catch (RuntimeException e) {
      mailboxes.discard(mail.blob());
      LOG.log(Level.WARNING, "Could not deliver a message from " + mail.sender(), e);
      throw new DeliveryDeferredException("Temporary failure storing the message, try again");
    }
  }

  /**
   * Queues one copy per route (Apache James's RemoteDelivery takes it from there). If some copies
   * are in mailboxes here already, the client must not send again: recipients that could not be
   * queued become failures the sender hears of.
   *
   * @return whether the queue took over the accepted blob itself (else it has copies or nothing)
   */
  private boolean handOffForRelay(
      AcceptedMail mail,
      Map<RelayRoutes.Route, List<DsnRecipient>> remote,
      boolean deliveredHere,
      List<DeliveryOutcome> outcomes)
      throws DeliveryDeferredException {
    StoredBlob blob = mail.blob();
    boolean blobHandedOver = false;
    try {
      for (Map.Entry<RelayRoutes.Route, List<DsnRecipient>> route : remote.entrySet()) {
        // the queue owns its copy: recipients here may delete theirs before the relay is done
        StoredBlob queued = !deliveredHere && !blobHandedOver ? blob : mailboxes.duplicate(blob);
        blobHandedOver |= queued == blob;
        relayQueue.enqueue(
            mail.sender(), mail.envelope(), route.getKey(), route.getValue(), queued);
      }
    } catch (RuntimeException | IOException e) {
      LOG.log(Level.WARNING, "Could not queue a message from " + mail.sender() + " for relay", e);
      if (!deliveredHere) {
        mailboxes.discard(blob);
        throw new DeliveryDeferredException("Temporary failure queueing the message, try again");
      }
      remote.values().stream()
          .flatMap(List::stream)
          .forEach(
              r ->
                  outcomes.add(
                      DeliveryOutcome.failed(
                          r, "4.3.0", "451 4.3.0 The message could not be queued")));
    }
    return blobHandedOver;
  }
}
