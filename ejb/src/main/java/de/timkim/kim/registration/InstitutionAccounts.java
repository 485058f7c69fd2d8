package de.timkim.kim.registration;

import de.timkim.kim.absence.AbsenceNote;
import de.timkim.kim.absence.AbsenceNoteService;
import de.timkim.kim.accounts.AccountState;
import de.timkim.kim.accounts.AuthenticatedInstitution;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.accounts.KimAccountException;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mail.KimAddress;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * The account operations an institution performs itself (gematik I_AccountManager_Service), each
 * authenticated by its SMC-B bearer token first and then carried out by {@link KimAccountService}.
 */
@Stateless
public class InstitutionAccounts {

  /** OutOfOfficeNotification.message's maxLength in gematik's AccountManager.yaml 2.4.0. */
  static final int MAX_OUT_OF_OFFICE_CHARS = 2048;

  /** What the institution sees of its account (gematik Account). */
  public record AccountView(
      String address,
      String kimVersion,
      boolean registered,
      Long deregistrationDateMillis,
      boolean noVzdMailEntry) {}

  /** Who asks for an operation on an account: the SMC-B bearer token, the account, its password. */
  public record Credentials(String bearerToken, KimAddress address, String password) {}

  /** What an institution may ask to change; null leaves a value as it is. */
  public record Changes(String newPassword, String kimVersion, Boolean noVzdMailEntry) {}

  @Inject SmcbAuthentication smcb;

  @Inject KimAccountService accounts;

  @Inject AbsenceNoteService absenceNotes;

  /** A challenge for the next bearer token. */
  public String challenge() {
    return smcb.issueChallenge();
  }

  public AccountView register(
      String bearerToken,
      String referenceId,
      String initialPassword,
      KimAddress address,
      String password,
      String kimVersion,
      boolean noVzdMailEntry) {
    AuthenticatedInstitution institution = smcb.authenticate(bearerToken);
    return view(
        accounts.register(
            institution,
            referenceId,
            initialPassword,
            address,
            password,
            kimVersion,
            noVzdMailEntry));
  }

  public AccountView account(Credentials asker) {
    return view(accounts.requireOwner(institution(asker), asker.address(), asker.password()));
  }

  public AccountView update(Credentials asker, Changes changes) {
    return view(
        accounts.update(
            institution(asker),
            asker.address(),
            asker.password(),
            changes.newPassword(),
            changes.kimVersion(),
            changes.noVzdMailEntry()));
  }

  public AccountView deregister(Credentials asker) {
    return view(accounts.deregister(institution(asker), asker.address(), asker.password()));
  }

  public AccountView revokeDeregistration(Credentials asker) {
    return view(
        accounts.revokeDeregistration(institution(asker), asker.address(), asker.password()));
  }

  private AuthenticatedInstitution institution(Credentials asker) {
    return smcb.authenticate(asker.bearerToken());
  }

  private AccountView view(KimAccount account) {
    return new AccountView(
        account.address().toString(),
        account.kimVersion(),
        account.state() != AccountState.DEREGISTERED,
        accounts.deregistrationDate(account).orElse(null),
        account.noVzdMailEntry());
  }

  /** gematik getOutOfOffice: the account's absence note, if one is set. */
  public Optional<AbsenceNote> outOfOffice(Credentials asker) {
    accounts.requireOwner(institution(asker), asker.address(), asker.password());
    return absenceNotes.find(asker.address());
  }

  /**
   * gematik updateOutOfOffice: an active notification sets the absence note (a new period: every
   * sender is answered once again), an inactive one clears it.
   */
  public void updateOutOfOffice(
      Credentials asker, boolean active, String message, Instant start, Instant end) {
    KimAddress address = asker.address();
    accounts.requireOwner(institution(asker), address, asker.password());
    if (!active) {
      absenceNotes.clear(address);
      return;
    }
    if (message == null || start == null || end == null) {
      throw new KimAccountException(
          KimAccountException.Reason.INVALID_INPUT,
          "An active OutOfOfficeNotification needs message, startDate and endDate");
    }
    if (message.isBlank() || message.length() > MAX_OUT_OF_OFFICE_CHARS) {
      throw new KimAccountException(
          KimAccountException.Reason.INVALID_INPUT,
          "message has 1 to " + MAX_OUT_OF_OFFICE_CHARS + " characters");
    }
    // checked here: the absence note service's own refusal would cross an EJB boundary as a
    // system exception
    if (!end.isAfter(start)) {
      throw new KimAccountException(
          KimAccountException.Reason.INVALID_INPUT, "endDate must be after startDate");
    }
    absenceNotes.set(address, message, start, end);
  }
}
