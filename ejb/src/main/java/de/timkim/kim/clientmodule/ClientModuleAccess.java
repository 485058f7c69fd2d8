package de.timkim.kim.clientmodule;

import de.timkim.connector.KonnektorContext;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.mail.KimAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which logins the client module serves. The login name names the Fachdienst and the Konnektor
 * context whose card decrypts and signs, so both come from the operator, not the user: the host
 * must be one of {@code kim.clientmodule.fachdienst-hosts}, and (address, Mandant, client system,
 * workplace) a binding, either from {@code kim.clientmodule.bindings} or the Mandant the operator
 * created the account's card in (client system and workplace then free). Otherwise the password is
 * never sent anywhere and the login fails as a wrong password does.
 */
final class ClientModuleAccess {

  /** One configured binding; {@code *} as client system or workplace stands for any. */
  record Binding(KimAddress address, String mandantId, String clientSystemId, String workplaceId) {

    static Binding parse(String text) {
      String[] parts = text.trim().split("#", -1);
      if (parts.length != 4 || Stream.of(parts).anyMatch(String::isBlank)) {
        throw new IllegalArgumentException(
            "kim.clientmodule.bindings entry must be address#Mandant#ClientSystem#Workplace: "
                + text);
      }
      return new Binding(KimAddress.parse(parts[0]), parts[1], parts[2], parts[3]);
    }

    boolean covers(KimAddress login, KonnektorContext context) {
      return address.equals(login)
          && mandantId.equals(context.mandantId())
          && (clientSystemId.equals("*") || clientSystemId.equals(context.clientSystemId()))
          && (workplaceId.equals("*") || workplaceId.equals(context.workplaceId()));
    }
  }

  private final Set<String> hosts;
  private final List<Binding> bindings;
  private final Function<KimAddress, Optional<KimAccount>> accounts;

  ClientModuleAccess(
      Set<String> hosts,
      List<Binding> bindings,
      Function<KimAddress, Optional<KimAccount>> accounts) {
    this.hosts =
        hosts.stream().map(ClientModuleAccess::normalHost).collect(Collectors.toUnmodifiableSet());
    this.bindings = List.copyOf(bindings);
    this.accounts = accounts;
  }

  /** Parses {@code kim.clientmodule.fachdienst-hosts} and {@code kim.clientmodule.bindings}. */
  static ClientModuleAccess of(
      String hostList, String bindingList, Function<KimAddress, Optional<KimAccount>> accounts) {
    Set<String> hosts =
        Stream.of(hostList.split("[,\\s]+")).filter(h -> !h.isBlank()).collect(Collectors.toSet());
    List<Binding> bindings =
        Stream.of(bindingList.split("[,\\s]+"))
            .filter(b -> !b.isBlank())
            .map(Binding::parse)
            .toList();
    return new ClientModuleAccess(hosts, bindings, accounts);
  }

  /** Why the login is not served, or empty when it is. */
  Optional<String> refusal(ClientModuleLogin login) {
    if (!hosts.contains(normalHost(login.fachdienstHost()))) {
      return Optional.of("Fachdienst host not in kim.clientmodule.fachdienst-hosts");
    }
    KonnektorContext context = login.context();
    if (bindings.stream().anyMatch(b -> b.covers(login.address(), context))) {
      return Optional.empty();
    }
    Optional<String> accountMandant = accounts.apply(login.address()).map(KimAccount::mandantId);
    if (accountMandant.isPresent() && accountMandant.get().equals(context.mandantId())) {
      return Optional.empty();
    }
    return Optional.of("address and Konnektor context are not bound (kim.clientmodule.bindings)");
  }

  private static String normalHost(String host) {
    String lower = host.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("[") && lower.endsWith("]")
        ? lower.substring(1, lower.length() - 1)
        : lower;
  }
}
