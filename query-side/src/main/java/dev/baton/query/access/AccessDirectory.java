package dev.baton.query.access;

import dev.baton.core.common.SealedSecret;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Accounts, credentials and teams ({@code acc_*}), written by the subscribing access-directory processor in the
 * command's own transaction, so they never lag: a new session signs in and a revoked token is refused the moment
 * their command answers. Secrets are only ever stored hashed.
 */
@Component
public class AccessDirectory {

    private static final RowMapper<UserView> USER = (rs, i) -> new UserView(rs.getString("user_id"),
            rs.getString("username"), rs.getString("display_name"), rs.getBoolean("is_admin"),
            instant(rs.getTimestamp("created_at")), rs.getBoolean("disabled"));
    private final JdbcTemplate jdbc;

    public AccessDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- writes, by the access-directory processor ----

    public void addUser(String userId, String username, String displayName, String passwordHash, boolean admin,
                        Instant at) {
        jdbc.update("insert into acc_user (user_id, username, display_name, password_hash, is_admin, created_at)"
                + " values (?, ?, ?, ?, ?, ?)", userId, username, displayName, passwordHash, admin, ts(at));
    }

    public void addCredential(String credentialId, String userId, String kind, String name, String secretHash,
                              Instant at, Instant expiresAt) {
        jdbc.update("insert into acc_credential (credential_id, user_id, kind, name, secret_hash, created_at,"
                        + " expires_at) values (?, ?, ?, ?, ?, ?, ?)", credentialId, userId, kind, name, secretHash,
                ts(at), ts(expiresAt));
    }

    /** Drops a user's sessions that expired before {@code at}: they can sign no one in any more. */
    public void dropExpiredSessions(String userId, Instant at) {
        jdbc.update("delete from acc_credential where user_id = ? and kind = ? and expires_at < ?", userId,
                Caller.SESSION, ts(at));
    }

    public void revokeCredential(String credentialId, Instant at) {
        jdbc.update("update acc_credential set revoked_at = ? where credential_id = ?", ts(at), credentialId);
    }

    /** Stores a provider key's sealed value, over the one of the same name. */
    public void setProviderKey(String userId, String name, SealedSecret value, Instant at) {
        if (jdbc.update("update acc_provider_key set key_id = ?, ciphertext = ?, updated_at = ? where user_id = ? and"
                + " name = ?", value.keyId(), value.ciphertext(), ts(at), userId, name) == 0) {
            jdbc.update("insert into acc_provider_key (user_id, name, key_id, ciphertext, updated_at) values"
                    + " (?, ?, ?, ?, ?)", userId, name, value.keyId(), value.ciphertext(), ts(at));
        }
    }

    public void removeProviderKey(String userId, String name) {
        jdbc.update("delete from acc_provider_key where user_id = ? and name = ?", userId, name);
    }

    public void setAdmin(String userId, boolean admin) {
        jdbc.update("update acc_user set is_admin = ? where user_id = ?", admin, userId);
    }

    public void setDisabled(String userId, boolean disabled) {
        jdbc.update("update acc_user set disabled = ? where user_id = ?", disabled, userId);
    }

    public void setPassword(String userId, String passwordHash) {
        jdbc.update("update acc_user set password_hash = ?, password_expired = false where user_id = ?", passwordHash,
                userId);
    }

    public void expirePassword(String userId) {
        jdbc.update("update acc_user set password_expired = true where user_id = ?", userId);
    }

    public void addTeam(String teamId, String name, Instant at) {
        jdbc.update("insert into acc_team (team_id, name, created_at) values (?, ?, ?)", teamId, name, ts(at));
    }

    public void setMember(String teamId, String userId, String role) {
        if (jdbc.update("update acc_team_member set role = ? where team_id = ? and user_id = ?", role, teamId,
                userId) == 0) {
            jdbc.update("insert into acc_team_member (team_id, user_id, role) values (?, ?, ?)", teamId, userId, role);
        }
    }

    public void removeMember(String teamId, String userId) {
        jdbc.update("delete from acc_team_member where team_id = ? and user_id = ?", teamId, userId);
    }

    /** A project and its owner (both null for one made while accounts were off). */
    public void addProject(String projectId, String ownerKind, String ownerId) {
        jdbc.update("insert into acc_project (project_id, owner_kind, owner_id) select ?, ?, ? where not exists"
                + " (select 1 from acc_project where project_id = ?)", projectId, ownerKind, ownerId, projectId);
    }

    /** Files a task, attempt, plan, graph, run or moxxy job under its project (once: later calls change nothing). */
    public void addResource(String resourceId, String projectId) {
        jdbc.update("insert into acc_resource (resource_id, project_id) select ?, ? where not exists"
                + " (select 1 from acc_resource where resource_id = ?)", resourceId, projectId, resourceId);
    }

    /** Notes a credential's use; not an event, and written by the API at most once a minute per credential. */
    public void touch(String credentialId, Instant at) {
        jdbc.update("update acc_credential set last_used_at = ? where credential_id = ?", ts(at), credentialId);
    }

    /** From now on, the identity {@code subject} of the provider {@code registrationId} signs in as the user. */
    public void linkIdentity(String registrationId, String subject, String userId) {
        jdbc.update("insert into acc_identity (registration_id, subject, user_id) values (?, ?, ?)", registrationId,
                subject, userId);
    }

    // ---- reads ----

    public boolean hasUsers() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from acc_user)", Boolean.class));
    }

    /** The id and password hash of a username, for a sign-in (the hash is null for an account without password). */
    public Optional<String[]> password(String username) {
        return jdbc.query("select user_id, password_hash from acc_user where username = ?",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, username).stream().findFirst();
    }

    /** Who the credential with this hash signs in, if it is neither revoked nor expired at {@code now}. */
    public Optional<Caller> caller(String secretHash, Instant now) {
        return jdbc.query("select u.user_id, u.username, u.is_admin, c.credential_id, c.kind, c.last_used_at,"
                        + " u.password_expired"
                        + " from acc_credential c join acc_user u on u.user_id = c.user_id"
                        + " where c.secret_hash = ? and c.revoked_at is null and u.disabled = false"
                        + " and (c.expires_at is null or c.expires_at > ?)",
                (rs, i) -> new Caller(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5), instant(rs.getTimestamp(6)), rs.getBoolean(7)), secretHash, ts(now)).stream()
                .findFirst();
    }

    /** The user an identity of a provider signs in as, if it signed in before. */
    public Optional<String> userOfIdentity(String registrationId, String subject) {
        return jdbc.queryForList("select user_id from acc_identity where registration_id = ? and subject = ?",
                String.class, registrationId, subject).stream().findFirst();
    }

    public Optional<UserView> user(String userId) {
        return jdbc.query("select * from acc_user where user_id = ?", USER, userId).stream().findFirst();
    }

    /** Users by username, {@code limit} after the first {@code offset}. */
    public List<UserView> users(long offset, int limit) {
        return jdbc.query("select * from acc_user order by username offset ? rows fetch first ? rows only", USER,
                offset, limit);
    }

    /** A user's tokens that are not revoked (expired ones included: their owner should see them), newest first. */
    public List<TokenView> tokens(String userId) {
        return jdbc.query("select credential_id, name, created_at, last_used_at, expires_at from acc_credential"
                        + " where user_id = ? and kind = ? and revoked_at is null order by created_at desc, credential_id",
                (rs, i) -> new TokenView(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))), userId, Caller.TOKEN);
    }

    /** Whether the user has this token, revoked or not. */
    public boolean ownsToken(String userId, String tokenId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from acc_credential where"
                + " credential_id = ? and user_id = ? and kind = ?)", Boolean.class, tokenId, userId, Caller.TOKEN));
    }

    /** A user's provider keys as they see them listed: names and times, never a value. */
    public List<ProviderKeyView> providerKeys(String userId) {
        return jdbc.query("select name, updated_at from acc_provider_key where user_id = ? order by name",
                (rs, i) -> new ProviderKeyView(rs.getString(1), instant(rs.getTimestamp(2))), userId);
    }

    /** A user's provider keys, sealed, by name: for the runner to open when that user's agent starts. */
    public Map<String, SealedSecret> sealedProviderKeys(String userId) {
        Map<String, SealedSecret> keys = new TreeMap<>();
        jdbc.query("select name, key_id, ciphertext from acc_provider_key where user_id = ?",
                (RowCallbackHandler) rs -> keys.put(rs.getString(1), new SealedSecret(rs.getString(2),
                        rs.getString(3))), userId);
        return keys;
    }

    public List<TeamMembership> teams(String userId) {
        return jdbc.query("select t.team_id, t.name, m.role from acc_team_member m join acc_team t on t.team_id ="
                        + " m.team_id where m.user_id = ? order by t.name, t.team_id",
                (rs, i) -> new TeamMembership(rs.getString(1), rs.getString(2), rs.getString(3)), userId);
    }

    /** A team's members with their roles, by username. */
    public List<TeamMember> members(String teamId) {
        return jdbc.query("select u.user_id, u.username, u.display_name, m.role from acc_team_member m join acc_user u"
                        + " on u.user_id = m.user_id where m.team_id = ? order by u.username",
                (rs, i) -> new TeamMember(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), teamId);
    }

    /** The user's role in the team; empty when they are not a member (or the team does not exist). */
    public Optional<String> role(String teamId, String userId) {
        return jdbc.queryForList("select role from acc_team_member where team_id = ? and user_id = ?", String.class,
                teamId, userId).stream().findFirst();
    }

    /** The owner of a project ({@code [kind, id]}, both null when it has none); empty for an unknown project. */
    public Optional<String[]> owner(String projectId) {
        return jdbc.query("select owner_kind, owner_id from acc_project where project_id = ?",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, projectId).stream().findFirst();
    }

    /** The project a task, attempt, plan, graph, run or moxxy job belongs to; empty for an unknown id. */
    public Optional<String> projectOf(String resourceId) {
        return jdbc.queryForList("select project_id from acc_resource where resource_id = ?", String.class,
                resourceId).stream().findFirst();
    }

    /**
     * The SQL condition "{@code column} is a project {@code userId} may see", with its two parameters (the user's
     * id twice): the user's own projects and their teams'; an administrator also sees the projects without owner.
     */
    public static String visibleProjects(String column, boolean admin) {
        return column + " in (select project_id from acc_project where owner_id = ? or owner_id in"
                + " (select team_id from acc_team_member where user_id = ?)"
                + (admin ? " or owner_id is null" : "") + ")";
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
