package de.timkim.kim.clientmodule;

import de.timkim.kim.clientmodule.smime.SmimeService;
import de.timkim.kim.pop3.InUseAwarePassCommand;
import jakarta.mail.AuthenticationFailedException;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.mailbox.Mailbox;

/**
 * PASS at the client module: logs in to the Fachdienst's POP3S with the same credentials. The
 * Fachdienst's {@code [IN-USE]} (another session holds the maildrop lock) is passed on as such, so
 * the practice software does not take it for a wrong password.
 */
final class ClientModulePassCommand extends InUseAwarePassCommand {

  private static final Logger LOG = Logger.getLogger(ClientModulePassCommand.class.getName());

  private final FachdienstClient fachdienst;
  private final SmimeService smime;
  private final Path spool;
  private final Predicate<ClientModuleLogin> refused;

  /**
   * @param refused whether the login's Fachdienst host or Konnektor context is not served ({@link
   *     ClientModuleAccess}): then PASS fails as with a wrong password
   */
  ClientModulePassCommand(
      MetricFactory metrics,
      FachdienstClient fachdienst,
      SmimeService smime,
      Path spool,
      Predicate<ClientModuleLogin> refused) {
    super(metrics, "Another POP3 session is using this mailbox at the Fachdienst; try again later");
    this.fachdienst = fachdienst;
    this.smime = smime;
    this.spool = spool;
    this.refused = refused;
  }

  @Override
  protected Mailbox auth(POP3Session session, Username username, String password) throws Exception {
    ClientModuleLogin login;
    try {
      login =
          ClientModuleLogin.parse(
              session
                  .getAttachment(ClientModuleUserCommand.LOGIN, ProtocolSession.State.Connection)
                  .orElseThrow(() -> new IllegalArgumentException("USER first")));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (refused.test(login)) {
      return null;
    }
    try {
      return new ClientModuleMailbox(login, password, fachdienst, smime, spool);
    } catch (AuthenticationFailedException e) {
      if (e.getMessage() != null && e.getMessage().contains("[IN-USE]")) {
        refuseAsInUse(session);
      }
      return null;
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Client module could not open the mailbox of " + login.address(), e);
      throw e;
    }
  }
}
