package de.timkim.messenger.profiles;

import de.timkim.messenger.accounts.MatrixUser;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.rooms.ProfilePropagation;
import de.timkim.messenger.rooms.RoomRepository;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Display names and avatars (https://spec.matrix.org/v1.11/client-server-api/#profiles). */
@Stateless
public class ProfileService {

  static final int MAX_DISPLAYNAME = 256;

  @PersistenceContext private EntityManager em;

  @Inject private ProfilePropagation propagation;

  @Inject private RoomRepository rooms;

  @Inject private RateLimiter rateLimiter;

  public record Profile(String displayname, String avatarUrl) {}

  public Profile profile(UserId userId) {
    MatrixUser user = em.find(MatrixUser.class, userId.toString());
    if (user == null || user.deactivated()) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Profile not found");
    }
    return new Profile(user.displayname(), user.avatarUrl());
  }

  public void setDisplayname(Requester requester, UserId userId, String displayname) {
    MatrixUser user = own(requester, userId);
    if (displayname != null && displayname.length() > MAX_DISPLAYNAME) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Display names are at most 256 characters");
    }
    user.setDisplayname(displayname);
    propagation.propagate(requester, rooms.joinedRooms(requester));
  }

  public void setAvatarUrl(Requester requester, UserId userId, String avatarUrl) {
    MatrixUser user = own(requester, userId);
    if (avatarUrl != null && !avatarUrl.isEmpty() && !avatarUrl.startsWith("mxc://")) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "avatar_url must be an mxc:// URI");
    }
    user.setAvatarUrl(avatarUrl);
    propagation.propagate(requester, rooms.joinedRooms(requester));
  }

  private MatrixUser own(Requester requester, UserId userId) {
    if (!requester.userId().equals(userId)) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You can only change your own profile");
    }
    rateLimiter.spend(RateLimit.PROFILE_CHANGES_PER_USER, userId.toString());
    return em.find(MatrixUser.class, userId.toString());
  }
}
