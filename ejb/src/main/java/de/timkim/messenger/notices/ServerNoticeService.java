package de.timkim.messenger.notices;

import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.rooms.CreateRoomRequest;
import de.timkim.messenger.rooms.RoomCreation;
import de.timkim.messenger.rooms.RoomMessages;
import de.timkim.messenger.rooms.RoomRepository;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server notices (https://spec.matrix.org/v1.11/client-server-api/#server-notices): each user has a
 * room with the service's notices user, tagged {@code m.server_notice}, in which only the service
 * speaks. The user is invited, as Synapse does; clients show it among the system alerts.
 */
@Stateless
public class ServerNoticeService {

  private static final Logger LOG = Logger.getLogger(ServerNoticeService.class.getName());

  /** Longer than a chat message may be, shorter than an event. */
  static final int MAX_NOTICE_CHARS = 4000;

  @PersistenceContext private EntityManager em;

  @Inject private RoomRepository rooms;

  @Inject private RoomMessages messages;

  @Inject private RoomCreation creation;

  @Inject private AccountDataService accountData;

  @Resource private SessionContext context;

  @Inject
  @ConfigProperty(name = "tim.matrix.server-notices.localpart", defaultValue = "notices")
  String noticesLocalpart;

  @Inject
  @ConfigProperty(name = "tim.matrix.server-notices.room-name", defaultValue = "Systemnachrichten")
  String roomName;

  /** Delivers one notice to one user; returns the notice's event ID. */
  public String send(UserId user, String body) {
    checkBody(body);
    Requester service = new Requester(new UserId(noticesLocalpart, user.serverName()), "SERVER");
    String roomId = noticeRoom(service, user);
    return messages.sendAsServer(
        service,
        roomId,
        "m.room.message",
        Jsonp.createObjectBuilder().add("msgtype", "m.server_notice").add("body", body).build(),
        "notice-" + UUID.randomUUID());
  }

  /**
   * Delivers a notice to every active user of a messenger service, one transaction per user so a
   * failure for one (say, a user deactivated meanwhile) leaves the others delivered. Returns how
   * many users got it.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public int sendToAll(String serverName, String body) {
    checkBody(body);
    List<String> users =
        em.createQuery(
                "select u.userId from MatrixUser u where u.serverName = :s and u.deactivated ="
                    + " false order by u.userId",
                String.class)
            .setParameter("s", serverName)
            .getResultList();
    ServerNoticeService self = context.getBusinessObject(ServerNoticeService.class);
    int delivered = 0;
    for (String user : users) {
      try {
        self.send(UserId.parse(user), body);
        delivered++;
      } catch (MatrixException e) {
        LOG.warning("No server notice for " + user + ": " + e.getMessage());
      }
    }
    LOG.info("Server notice to " + delivered + " of " + users.size() + " users of " + serverName);
    return delivered;
  }

  private String noticeRoom(Requester service, UserId user) {
    ServerNoticeRoom known = em.find(ServerNoticeRoom.class, user.toString());
    if (known != null) {
      String membership = rooms.membership(known.roomId(), user).orElse("leave");
      if ("join".equals(membership) || "invite".equals(membership)) {
        return known.roomId();
      }
    }
    String roomId =
        creation.create(
            service,
            new CreateRoomRequest(
                "private_chat",
                "private",
                null,
                roomName,
                null,
                null,
                List.of(user.toString()),
                false,
                List.of(),
                null,
                // the user reads; only the service writes or invites
                Jsonp.createObjectBuilder().add("events_default", 100).add("invite", 100).build()));
    JsonObject tag =
        Jsonp.createObjectBuilder()
            .add(
                "tags",
                Jsonp.createObjectBuilder().add("m.server_notice", Jsonp.createObjectBuilder()))
            .build();
    accountData.set(user, roomId, "m.tag", tag);
    if (known == null) {
      em.persist(new ServerNoticeRoom(user.toString(), roomId));
    } else {
      known.moveTo(roomId);
    }
    return roomId;
  }

  private static void checkBody(String body) {
    if (body == null || body.isBlank()) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "A notice needs a text");
    }
    if (body.codePointCount(0, body.length()) > MAX_NOTICE_CHARS) {
      throw new MatrixException(
          ErrorCode.M_TOO_LARGE, "Notices are limited to " + MAX_NOTICE_CHARS + " characters");
    }
  }
}
