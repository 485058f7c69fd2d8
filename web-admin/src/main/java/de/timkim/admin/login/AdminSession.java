package de.timkim.admin.login;

import de.timkim.admin.accounts.SignedInAdmin;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Optional;

/** Serializable because the portal is distributable: the session survives a node going down. */
@Named
@SessionScoped
public class AdminSession implements Serializable {

  private static final long serialVersionUID = 1L;

  static final String ATTRIBUTE = "tim.admin";

  private SignedInAdmin admin;

  public Optional<SignedInAdmin> admin() {
    return Optional.ofNullable(admin);
  }

  public boolean isSignedIn() {
    return admin != null;
  }

  public String getUsername() {
    return admin == null ? "" : admin.username();
  }

  void signIn(SignedInAdmin admin) {
    this.admin = admin;
  }

  void signOut() {
    this.admin = null;
  }
}
