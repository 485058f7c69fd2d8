package de.timkim.messenger.sync;

import de.timkim.messenger.accountdata.AccountDataEntry;
import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.devicekeys.DeviceKeyService;
import de.timkim.messenger.devicekeys.DeviceLists;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.presence.PresenceService;
import de.timkim.messenger.todevice.ToDeviceService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One /sync computation (https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3sync):
 * joined, invited and left rooms ({@link SyncRooms}) and the user's streams (to-device messages,
 * device lists, presence, account data) that changed after the since token, as a {@link
 * SyncResult}. Tokens are "s" + a stream position; everything at or below it has been delivered.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SyncService {

  private static final DeviceLists.Changes NO_DEVICE_LIST_CHANGES =
      new DeviceLists.Changes(Set.of(), Set.of());

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private AccountDataService accountData;

  @Inject private Clock clock;

  @Inject private ToDeviceService toDevice;

  @Inject private DeviceLists deviceLists;

  @Inject private DeviceKeyService deviceKeys;

  @Inject private PresenceService presence;

  @Inject private ChangedStreams changedStreams;

  @Inject private SyncRooms rooms;

  /**
   * One transaction for the whole computation: its twenty-odd queries share one connection and one
   * commit, where each helper's own transaction cost a connection checkout and a commit round trip
   * apiece.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public SyncResult sync(
      Requester requester,
      Long since,
      boolean acknowledgesToDevice,
      SyncFilter filter,
      boolean fullState) {
    // the sync only reads entities (its writes are statements of their own): nothing to compare
    // with the thousands of events an initial sync loads when the transaction commits
    em.setProperty("org.hibernate.flushMode", "MANUAL");
    long now = events.currentPosition();
    Long from = since == null ? null : Math.min(since, now);
    if (from != null && from == now && !fullState) {
      // everything in /sync is told by stream positions: with none after the token there is
      // nothing to look up, which is what a long-poll finds on every return after an answer
      if (acknowledgesToDevice) {
        toDevice.deliver(requester, from, now);
      }
      return new SyncResult(
          now,
          false,
          SyncResult.Rooms.NONE,
          List.of(),
          List.of(),
          List.of(),
          NO_DEVICE_LIST_CHANGES,
          deviceKeys.keyCounts(requester));
    }
    SyncRequest request = new SyncRequest(requester, from, now, filter, fullState, clock.millis());
    ChangedStreams.Changes changes = changedStreams.of(request);
    Map<String, List<AccountDataEntry>> accountDataByRoom =
        changes.has(ChangedStreams.Changes.ACCOUNT_DATA)
            ? accountData.changedSince(requester.userId(), from).stream()
                .collect(Collectors.groupingBy(AccountDataEntry::roomId))
            : Map.of();
    SyncResult.Rooms roomSections = rooms.sections(request, changes, accountDataByRoom);
    List<ToDeviceService.Message> toDeviceMessages =
        changes.has(ChangedStreams.Changes.TO_DEVICE)
            ? toDevice.deliver(requester, from, now)
            : List.of();
    DeviceLists.Changes lists = deviceListChanges(request, changes);
    List<JsonObject> presenceEvents = presence(request, changes);
    return new SyncResult(
        now,
        !toDeviceMessages.isEmpty(),
        roomSections,
        globalAccountData(filter, accountDataByRoom),
        presenceEvents,
        toDeviceMessages,
        lists,
        deviceKeys.keyCounts(requester));
  }

  private DeviceLists.Changes deviceListChanges(
      SyncRequest request, ChangedStreams.Changes changes) {
    return request.from() == null
            || !changes.has(
                ChangedStreams.Changes.DEVICE_LISTS | ChangedStreams.Changes.MEMBERSHIPS)
        ? NO_DEVICE_LIST_CHANGES
        : deviceLists.since(request.requester().userId(), request.from(), request.now());
  }

  private List<JsonObject> presence(SyncRequest request, ChangedStreams.Changes changes) {
    EventFilter filter = request.filter().presence();
    List<JsonObject> shown =
        changes.has(ChangedStreams.Changes.PRESENCE | ChangedStreams.Changes.MEMBERSHIPS)
            ? presence.forSync(request.requester(), request.from()).stream()
                .filter(filter::allows)
                .toList()
            : List.of();
    return filter.limited(shown);
  }

  private static List<SyncResult.AccountDataEvent> globalAccountData(
      SyncFilter filter, Map<String, List<AccountDataEntry>> accountDataByRoom) {
    List<AccountDataEntry> shown =
        accountDataByRoom.getOrDefault(AccountDataEntry.GLOBAL, List.of()).stream()
            .filter(entry -> filter.accountData().allowsType(entry.type()))
            .toList();
    return SyncResult.AccountDataEvent.of(filter.accountData().limited(shown));
  }
}
