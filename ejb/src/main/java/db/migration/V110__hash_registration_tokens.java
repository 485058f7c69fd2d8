package db.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Registration tokens were stored in clear; from now on only their SHA-256 (hex) is, like access
 * and refresh tokens. A Java migration because H2 and PostgreSQL spell SHA-256 differently; the
 * hash must match {@code de.timkim.messenger.accounts.Tokens#hash}. Open UIA sessions carry the
 * token they were given, so they are hashed too.
 */
public class V110__hash_registration_tokens extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    hashColumn(connection, "registration_token", "token", "token");
    hashColumn(connection, "uia_session", "session_id", "registration_token");
  }

  private static void hashColumn(Connection connection, String table, String key, String column)
      throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (Statement select = connection.createStatement();
        ResultSet found =
            select.executeQuery(
                "SELECT "
                    + key
                    + ", "
                    + column
                    + " FROM "
                    + table
                    + " WHERE "
                    + column
                    + " IS NOT NULL")) {
      while (found.next()) {
        rows.add(new String[] {found.getString(1), found.getString(2)});
      }
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE " + table + " SET " + column + " = ? WHERE " + key + " = ?")) {
      for (String[] row : rows) {
        update.setString(1, sha256(row[1]));
        update.setString(2, row[0]);
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static String sha256(String token) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
  }
}
