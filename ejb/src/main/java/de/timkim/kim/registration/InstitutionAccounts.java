package de.timkim.kim.registration;

import de.timkim.kim.accounts.AccountState;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.accounts.KimAddress;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * The account operations an institution performs itself (gematik I_AccountManager_Service), each
 * authenticated by its SMC-B bearer token first and then carried out by {@link KimAccountService}.
 */
@Stateless
public class InstitutionAccounts {

  /** What the institution sees of its account (gematik Account). */
  public record AccountView(
      String address,
      String kimVersion,
      boolean registered,
      Long deregistrationDateMillis,
      boolean noVzdMailEntry) {}

  /** What an institution may ask to change; null leaves a value as it is. */
  public record Changes(String newPassword, String kimVersion, Boolean noVzdMailEntry) {}

  @Inject SmcbAuthentication smcb;

  @Inject KimAccountService accounts;

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

  public AccountView account(String bearerToken, KimAddress address, String password) {
    return view(accounts.requireOwner(smcb.authenticate(bearerToken), address, password));
  }

  public AccountView update(
      String bearerToken, KimAddress address, String password, Changes changes) {
    return view(
        accounts.update(
            smcb.authenticate(bearerToken),
            address,
            password,
            changes.newPassword(),
            changes.kimVersion(),
            changes.noVzdMailEntry()));
  }

  public AccountView deregister(String bearerToken, KimAddress address, String password) {
    return view(accounts.deregister(smcb.authenticate(bearerToken), address, password));
  }

  public AccountView revokeDeregistration(String bearerToken, KimAddress address, String password) {
    return view(accounts.revokeDeregistration(smcb.authenticate(bearerToken), address, password));
  }

  private AccountView view(KimAccount account) {
    return new AccountView(
        account.address().toString(),
        account.kimVersion(),
        account.state() != AccountState.DEREGISTERED,
        accounts.deregistrationDate(account).orElse(null),
        account.noVzdMailEntry());
  }
}
