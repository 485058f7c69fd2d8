package de.timkim.kim.absence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account's absence note and the period it is active in ({@code [start, end)}). */
@Entity
@Table(name = "kim_absence_note")
public class AbsenceNote {

  @Id
  @Column(name = "address")
  private String address;

  /** New on every change, so senders answered under an earlier note are answered again. */
  @Column(name = "period_id", nullable = false)
  private String periodId;

  @Column(name = "note_text", nullable = false)
  private String text;

  @Column(name = "starts_at", nullable = false)
  private long startsAt;

  @Column(name = "ends_at", nullable = false)
  private long endsAt;

  @Column(name = "updated_at", nullable = false)
  private long updatedAt;

  protected AbsenceNote() {}

  AbsenceNote(String address) {
    this.address = address;
  }

  void change(String periodId, String text, Instant start, Instant end, long now) {
    this.periodId = periodId;
    this.text = text;
    this.startsAt = start.toEpochMilli();
    this.endsAt = end.toEpochMilli();
    this.updatedAt = now;
  }

  public String address() {
    return address;
  }

  public String text() {
    return text;
  }

  public Instant start() {
    return Instant.ofEpochMilli(startsAt);
  }

  public Instant end() {
    return Instant.ofEpochMilli(endsAt);
  }

  String periodId() {
    return periodId;
  }

  public boolean activeAt(long millis) {
    return startsAt <= millis && millis < endsAt;
  }
}
