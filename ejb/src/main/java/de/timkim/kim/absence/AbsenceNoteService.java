package de.timkim.kim.absence;

import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.relay.GeneratedMail;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sets, reads and clears absence notes, and answers mail for absent accounts with them. */
@Stateless
public class AbsenceNoteService {

  private static final Logger LOG = Logger.getLogger(AbsenceNoteService.class.getName());

  /** The longest note text (column {@code note_text}). */
  public static final int MAX_TEXT_CHARS = 4000;

  @PersistenceContext private EntityManager em;

  @Inject private GeneratedMail generated;

  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "kim.host-name", defaultValue = "localhost")
  String hostName;

  /**
   * Sets the account's absence note for {@code [start, end)}; a new period begins, so every sender
   * is answered once again.
   *
   * @throws IllegalArgumentException for an empty or overlong text or an end not after the start
   */
  public AbsenceNote set(KimAddress account, String text, Instant start, Instant end) {
    if (text == null || text.isBlank() || text.length() > MAX_TEXT_CHARS) {
      throw new IllegalArgumentException(
          "text must be 1 to " + MAX_TEXT_CHARS + " characters long");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end must be after start");
    }
    AbsenceNote note = em.find(AbsenceNote.class, account.toString());
    if (note == null) {
      note = new AbsenceNote(account.toString());
      note.change(newPeriod(), text, start, end, clock.millis());
      em.persist(note);
    } else {
      note.change(newPeriod(), text, start, end, clock.millis());
    }
    LOG.info(() -> "Absence note set for " + account + " from " + start + " to " + end);
    return note;
  }

  public Optional<AbsenceNote> find(KimAddress account) {
    return Optional.ofNullable(em.find(AbsenceNote.class, account.toString()));
  }

  /** Removes the note; true if there was one. */
  public boolean clear(KimAddress account) {
    AbsenceNote note = em.find(AbsenceNote.class, account.toString());
    if (note == null) {
      return false;
    }
    em.createNativeQuery("DELETE FROM kim_absence_reply WHERE period_id = ?1")
        .setParameter(1, note.periodId())
        .executeUpdate();
    em.remove(note);
    LOG.info(() -> "Absence note cleared for " + account);
    return true;
  }

  /**
   * Answers a message just delivered to {@code recipient} with its absence note, if the note is
   * active now, the message may be answered (RFC 3834 §2) and this sender has not had an answer in
   * this period. The answer goes into the sender's mailbox here.
   *
   * @return whether an answer was written
   */
  public boolean answer(KimAddress recipient, KimAddress envelopeSender, byte[] originalHeaders) {
    AbsenceNote note = em.find(AbsenceNote.class, recipient.toString());
    long now = clock.millis();
    if (note == null || !note.activeAt(now)) {
      return false;
    }
    InternetHeaders headers;
    try {
      headers = new InternetHeaders(new ByteArrayInputStream(originalHeaders));
    } catch (MessagingException e) {
      LOG.info(() -> "No absence note to " + envelopeSender + ": unreadable header");
      return false;
    }
    String reason =
        AutoReplyRules.reasonNotToAnswer(
            envelopeSender == null ? null : envelopeSender.toString(), headers);
    if (reason != null) {
      LOG.fine(() -> "No absence note for " + recipient + ": " + reason);
      return false;
    }
    if (envelopeSender.equals(recipient)) {
      return false;
    }
    if (!generated.reaches(envelopeSender)) {
      LOG.info(() -> "No absence note of " + recipient + " to " + envelopeSender + ": no route");
      return false;
    }
    // the primary key makes "once per sender and period" hold across nodes and concurrent sessions
    int recorded =
        em.createNativeQuery(
                "INSERT INTO kim_absence_reply (period_id, sender, replied_at) VALUES (?1, ?2, ?3)"
                    + " ON CONFLICT DO NOTHING")
            .setParameter(1, note.periodId())
            .setParameter(2, envelopeSender.toString())
            .setParameter(3, now)
            .executeUpdate();
    if (recorded == 0) {
      return false;
    }
    byte[] reply =
        AutoReply.write(
            recipient, envelopeSender, note.text(), headers, hostName, ZonedDateTime.now(clock));
    // from the null sender: here into the mailbox, for another Fachdienst through the relay queue
    generated.deliver(envelopeSender, reply, "Absence note of " + recipient);
    LOG.info(() -> "Absence note of " + recipient + " sent to " + envelopeSender);
    return true;
  }

  private static String newPeriod() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
