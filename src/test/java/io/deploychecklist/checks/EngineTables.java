package io.deploychecklist.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The engine's whole database as text: where a secret must not be found, whatever table it hid in. */
public final class EngineTables {

  private EngineTables() {}

  /** Every row of every engine table ({@code ACT_*}) as text, byte arrays and large objects read as UTF-8. */
  public static String dump(DataSource database) throws SQLException, IOException {
    StringBuilder dump = new StringBuilder();
    try (Connection db = database.getConnection(); Statement sql = db.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet names =
          sql.executeQuery(
              "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'ACT\\_%'")) {
        while (names.next()) {
          tables.add(names.getString(1));
        }
      }
      assertThat(tables).contains("ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_GE_BYTEARRAY");
      for (String table : tables) {
        try (ResultSet rows = sql.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData columns = rows.getMetaData();
          while (rows.next()) {
            for (int i = 1; i <= columns.getColumnCount(); i++) {
              dump.append(text(rows.getObject(i))).append('\t');
            }
            dump.append('\n');
          }
        }
      }
    }
    return dump.toString();
  }

  private static String text(Object value) throws SQLException, IOException {
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof Blob blob) {
      try (InputStream in = blob.getBinaryStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    if (value instanceof Clob clob) {
      try (Reader in = clob.getCharacterStream()) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        int n;
        while ((n = in.read(buffer)) != -1) {
          text.append(buffer, 0, n);
        }
        return text.toString();
      }
    }
    return String.valueOf(value);
  }
}
