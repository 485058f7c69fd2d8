package de.timkim.admin.web;

import de.timkim.admin.AdminException;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ResourceBundle;

/** Messages in the admin's language (German or English) from the portal's bundle. */
public final class PortalMessages {

  private PortalMessages() {}

  public static String text(String key, Object... args) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "msg");
    String pattern = bundle.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
  }

  public static void info(String key, Object... args) {
    add(FacesMessage.SEVERITY_INFO, text(key, args));
  }

  public static void error(String key, Object... args) {
    add(FacesMessage.SEVERITY_ERROR, text(key, args));
  }

  /** Why a service refused, in the admin's words. */
  public static void refused(AdminException refusal) {
    error(refusal.error().messageKey());
  }

  /** The only Matrix error the portal's services raise is the rate limiter's. */
  public static void refused(MatrixException refusal) {
    if (refusal.errorCode() == ErrorCode.M_LIMIT_EXCEEDED) {
      Object retry = refusal.extra().get("retry_after_ms");
      long seconds = retry instanceof Number n ? Math.max(1, (n.longValue() + 999) / 1000) : 60;
      error("error.TOO_MANY_ATTEMPTS", seconds);
    } else {
      error("error.generic");
    }
  }

  /** A point in time, short, in the admin's locale and the server's zone. */
  public static String dateTime(Long epochMillis) {
    if (epochMillis == null) {
      return "–";
    }
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
        .withLocale(locale())
        .withZone(ZoneId.systemDefault())
        .format(Instant.ofEpochMilli(epochMillis));
  }

  private static java.util.Locale locale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  private static void add(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }
}
