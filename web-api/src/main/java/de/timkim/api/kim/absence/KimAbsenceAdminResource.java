package de.timkim.api.kim.absence;

import de.timkim.api.json.JsonBody;
import de.timkim.api.ops.admin.OperatorOnly;
import de.timkim.kim.absence.AbsenceNote;
import de.timkim.kim.absence.AbsenceNoteService;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mail.KimAddress;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An account's absence note ("Abwesenheitsnotiz"), answered automatically per RFC 3834. Like the
 * accounts themselves, managed by the operator (Basic credentials and {@code X-TIM-OTP}, checked by
 * the {@link OperatorOnly} filter).
 */
@Path("_tim/v1/admin/kim/accounts/{address}/absence")
@Produces(MediaType.APPLICATION_JSON)
@OperatorOnly
public class KimAbsenceAdminResource {

  @Inject AbsenceNoteService absenceNotes;

  @Inject KimAccountService accounts;

  /**
   * PUT /_tim/v1/admin/kim/accounts/{address}/absence — sets the note, {@code {"text": "...",
   * "start": "2026-12-20T00:00:00Z", "end": "2027-01-04T00:00:00Z"}} (ISO-8601 instants, end after
   * start); every sender is answered once within the period (RFC 3834,
   * https://www.rfc-editor.org/rfc/rfc3834).
   */
  @PUT
  public JsonObject set(@PathParam("address") String addressText, String body) {
    KimAddress address = existingAccount(addressText);
    JsonBody json = JsonBody.parse(body);
    String text = json.string("text");
    Instant start = instant(json, "start");
    Instant end = instant(json, "end");
    // checked here as well as in the service: its IllegalArgumentException would reach us wrapped
    // as a system exception (500)
    if (text.isBlank() || text.length() > AbsenceNoteService.MAX_TEXT_CHARS) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM,
          "text must be 1 to " + AbsenceNoteService.MAX_TEXT_CHARS + " characters long");
    }
    if (!end.isAfter(start)) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "end must be after start");
    }
    return toJson(absenceNotes.set(address, text, start, end));
  }

  /** GET /_tim/v1/admin/kim/accounts/{address}/absence — the note, or 404 if none is set. */
  @GET
  public JsonObject get(@PathParam("address") String addressText) {
    KimAddress address = existingAccount(addressText);
    return absenceNotes
        .find(address)
        .map(KimAbsenceAdminResource::toJson)
        .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "No absence note is set"));
  }

  /**
   * DELETE /_tim/v1/admin/kim/accounts/{address}/absence — clears the note; 404 if none was set.
   */
  @DELETE
  public JsonObject clear(@PathParam("address") String addressText) {
    KimAddress address = existingAccount(addressText);
    if (!absenceNotes.clear(address)) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "No absence note is set");
    }
    return Jsonp.createObjectBuilder().build();
  }

  private KimAddress existingAccount(String text) {
    KimAddress address;
    try {
      address = KimAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Not a valid KIM address");
    }
    if (accounts.find(address).isEmpty()) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "No such KIM account");
    }
    return address;
  }

  private static Instant instant(JsonBody json, String key) {
    try {
      return Instant.parse(json.string(key));
    } catch (DateTimeParseException e) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM,
          key + " must be an ISO-8601 instant like 2026-12-20T00:00:00Z");
    }
  }

  private static JsonObject toJson(AbsenceNote note) {
    return Jsonp.createObjectBuilder()
        .add("address", note.address())
        .add("text", note.text())
        .add("start", note.start().toString())
        .add("end", note.end().toString())
        .build();
  }
}
