package de.timkim.admin.login;

import de.timkim.admin.accounts.AdminAccountService;
import de.timkim.admin.accounts.SignedInAdmin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.ResourceBundle;

@Named
@RequestScoped
public class LoginView {

  @Inject AdminAccountService accounts;

  @Inject AdminSession session;

  private String username;
  private String password;

  public String login() {
    FacesContext faces = FacesContext.getCurrentInstance();
    Optional<SignedInAdmin> admin = accounts.authenticate(username, password);
    password = null;
    if (admin.isEmpty()) {
      ResourceBundle msg = faces.getApplication().getResourceBundle(faces, "msg");
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, msg.getString("login.failed"), null));
      return null;
    }
    ExternalContext external = faces.getExternalContext();
    // a new session ID on sign-in defeats session fixation
    ((HttpServletRequest) external.getRequest()).changeSessionId();
    session.signIn(admin.get());
    return "/overview.xhtml?faces-redirect=true";
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
