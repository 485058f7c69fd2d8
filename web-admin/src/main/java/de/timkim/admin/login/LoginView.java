package de.timkim.admin.login;

import de.timkim.admin.accounts.AdminAccountService;
import de.timkim.admin.accounts.PasswordChecked;
import de.timkim.admin.web.PortalMessages;
import de.timkim.platform.errors.MatrixException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** First step of signing in: user name and password. */
@Named
@RequestScoped
public class LoginView {

  @Inject AdminAccountService accounts;

  @Inject AdminSession session;

  private String username;
  private String password;

  public String login() {
    FacesContext faces = FacesContext.getCurrentInstance();
    HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
    Optional<PasswordChecked> checked;
    try {
      checked = accounts.checkPassword(username, password, request.getRemoteAddr());
    } catch (MatrixException tooMany) {
      PortalMessages.refused(tooMany);
      return null;
    } finally {
      password = null;
    }
    if (checked.isEmpty()) {
      PortalMessages.error("login.failed");
      return null;
    }
    // a new session ID on sign-in defeats session fixation
    request.changeSessionId();
    session.passwordChecked(checked.get());
    return "/second-factor.xhtml?faces-redirect=true";
  }

  public String logout() {
    session.signOut();
    FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
    return "/login.xhtml?faces-redirect=true";
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
