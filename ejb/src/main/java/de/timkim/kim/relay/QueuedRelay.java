package de.timkim.kim.relay;

import de.timkim.kim.mail.DsnEnvelope;
import de.timkim.kim.mail.DsnRecipient;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.Notify;
import de.timkim.kim.mail.StoredBlob;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A message waiting to go to one other Fachdienst, with its recipients there. */
@Entity
@Table(name = "kim_relay_queue")
@NamedQuery(
    name = "QueuedRelay.due",
    query = "SELECT q FROM QueuedRelay q WHERE q.nextAttemptAt <= :now ORDER BY q.nextAttemptAt")
public class QueuedRelay {

  @Id
  @Column(name = "id")
  private String id;

  /** Null for the null reverse-path of a report or absence note ({@code MAIL FROM:<>}). */
  @Column(name = "sender")
  private String sender;

  @Column(name = "blob_key", nullable = false)
  private String blobKey;

  @Column(name = "size_bytes", nullable = false)
  private long size;

  @Column(name = "route", nullable = false)
  private String route;

  /**
   * One line per recipient: address, NOTIFY (- for none, NEVER), ORCPT (- for none), tab-separated.
   */
  @Column(name = "recipients", nullable = false)
  private String recipients;

  @Column(name = "envelope_id")
  private String envelopeId;

  @Column(name = "arrival_at", nullable = false)
  private long arrivalAt;

  @Column(name = "attempts", nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private long nextAttemptAt;

  @Column(name = "last_error")
  private String lastError;

  protected QueuedRelay() {}

  QueuedRelay(
      String id,
      KimAddress sender,
      StoredBlob blob,
      RelayRoutes.Route route,
      List<DsnRecipient> recipients,
      DsnEnvelope envelope,
      long now) {
    this.id = id;
    this.sender = sender == null ? null : sender.toString();
    this.blobKey = blob.key();
    this.size = blob.size();
    this.route = route.toString();
    this.recipients = recipients.stream().map(QueuedRelay::line).collect(Collectors.joining("\n"));
    this.envelopeId = envelope.envelopeId();
    this.arrivalAt = now;
    this.nextAttemptAt = now;
  }

  private static String line(DsnRecipient recipient) {
    String notify =
        recipient.conditions() == null
            ? "-"
            : recipient.conditions().isEmpty()
                ? "NEVER"
                : recipient.conditions().stream().map(Enum::name).collect(Collectors.joining(","));
    String original = recipient.originalRecipient() == null ? "-" : recipient.originalRecipient();
    return recipient.address() + "\t" + notify + "\t" + original;
  }

  public String id() {
    return id;
  }

  /** The envelope sender, or null for the null reverse-path. */
  public KimAddress sender() {
    return sender == null ? null : KimAddress.parse(sender);
  }

  public StoredBlob blob() {
    return new StoredBlob(blobKey, size);
  }

  public RelayRoutes.Route route() {
    return RelayRoutes.Route.parse(route);
  }

  public DsnEnvelope envelope() {
    return new DsnEnvelope(false, envelopeId);
  }

  public long arrivalAt() {
    return arrivalAt;
  }

  public int attempts() {
    return attempts;
  }

  public List<DsnRecipient> recipients() {
    List<DsnRecipient> result = new ArrayList<>();
    for (String line : recipients.split("\n")) {
      String[] parts = line.split("\t");
      Set<Notify> notify =
          switch (parts[1]) {
            case "-" -> null;
            case "NEVER" -> EnumSet.noneOf(Notify.class);
            default -> {
              EnumSet<Notify> set = EnumSet.noneOf(Notify.class);
              for (String n : parts[1].split(",")) {
                set.add(Notify.valueOf(n));
              }
              yield set;
            }
          };
      result.add(
          new DsnRecipient(
              KimAddress.parse(parts[0]), notify, parts[2].equals("-") ? null : parts[2]));
    }
    return result;
  }

  void retryAt(long when, String error) {
    attempts++;
    nextAttemptAt = when;
    lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
  }
}
