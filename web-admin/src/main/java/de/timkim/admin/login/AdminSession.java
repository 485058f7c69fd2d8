package de.timkim.admin.login;

import de.timkim.admin.accounts.PasswordChecked;
import de.timkim.admin.accounts.SignedInAdmin;
import de.timkim.admin.accounts.TotpEnrolment;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Optional;

/**
 * Who is signed in, and how far: password checked (second factor owed) or fully signed in.
 * Serializable because the portal is distributable: the session survives a node going down.
 */
@Named
@SessionScoped
public class AdminSession implements Serializable {

  private static final long serialVersionUID = 2L;

  private SignedInAdmin admin;
  private PasswordChecked pending;
  private TotpEnrolment enrolment;

  public Optional<SignedInAdmin> admin() {
    return Optional.ofNullable(admin);
  }

  /** The signed-in admin; pages behind {@link SignInRequiredFilter} always have one. */
  public SignedInAdmin requireAdmin() {
    if (admin == null) {
      throw new IllegalStateException("No admin signed in");
    }
    return admin;
  }

  public boolean isSignedIn() {
    return admin != null;
  }

  public String getUsername() {
    return admin == null ? "" : admin.username();
  }

  Optional<PasswordChecked> pending() {
    return Optional.ofNullable(pending);
  }

  boolean isSecondFactorPending() {
    return pending != null;
  }

  Optional<TotpEnrolment> enrolment() {
    return Optional.ofNullable(enrolment);
  }

  void passwordChecked(PasswordChecked checked) {
    this.admin = null;
    this.pending = checked;
    this.enrolment = null;
  }

  void enrolling(TotpEnrolment enrolment) {
    this.enrolment = enrolment;
  }

  void signIn(SignedInAdmin admin) {
    this.admin = admin;
    this.pending = null;
    this.enrolment = null;
  }

  void signOut() {
    this.admin = null;
    this.pending = null;
    this.enrolment = null;
  }
}
