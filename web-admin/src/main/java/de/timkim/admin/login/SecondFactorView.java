package de.timkim.admin.login;

import de.timkim.admin.AdminException;
import de.timkim.admin.accounts.AdminAccountService;
import de.timkim.admin.accounts.PasswordChecked;
import de.timkim.admin.accounts.SignedInAdmin;
import de.timkim.admin.accounts.TotpEnrolment;
import de.timkim.admin.web.PortalMessages;
import de.timkim.platform.errors.MatrixException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Second step of signing in: the one-time code of the admin's authenticator app. An admin without
 * one first sees a new secret (and its otpauth URI) and confirms it with a first code.
 */
@Named
@RequestScoped
public class SecondFactorView {

  @Inject AdminAccountService accounts;

  @Inject AdminSession session;

  private String code;

  private String enrolmentRefused;

  public boolean isEnrolling() {
    return session.pending().map(p -> !p.enrolled()).orElse(false);
  }

  /**
   * The secret to set up, created once per sign-in attempt and kept in the session. Null (with a
   * message) while another sign-in's enrolment of the same account is open: only one may run.
   */
  public TotpEnrolment getEnrolment() {
    if (!isEnrolling()) {
      return null;
    }
    if (session.enrolment().isEmpty() && enrolmentRefused == null) {
      try {
        session.enrolling(accounts.beginEnrolment(session.pending().orElseThrow()));
      } catch (AdminException refused) {
        enrolmentRefused = refused.error().messageKey();
      }
    }
    return session.enrolment().orElse(null);
  }

  /** The message key of why no enrolment could be started (another one is open), or null. */
  public String getEnrolmentRefused() {
    getEnrolment();
    return enrolmentRefused;
  }

  public String verify() {
    PasswordChecked pending = session.pending().orElse(null);
    if (pending == null) {
      return "/login.xhtml?faces-redirect=true";
    }
    SignedInAdmin admin;
    try {
      admin = accounts.completeSignIn(pending, code);
    } catch (AdminException wrong) {
      PortalMessages.refused(wrong);
      return null;
    } catch (MatrixException tooMany) {
      PortalMessages.refused(tooMany);
      return null;
    } finally {
      code = null;
    }
    ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest())
        .changeSessionId();
    session.signIn(admin);
    return "/overview.xhtml?faces-redirect=true";
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }
}
