package io.deploychecklist.cluster;

import java.util.List;

/** The {@code prod} profile was started without a usable PostgreSQL database in its environment. */
public class MissingDatabaseSettingsException extends IllegalStateException {

  private final List<String> missing;
  private final String wrongUrl;

  MissingDatabaseSettingsException(List<String> missing, String wrongUrl) {
    super(message(missing, wrongUrl));
    this.missing = List.copyOf(missing);
    this.wrongUrl = wrongUrl;
  }

  public List<String> missing() {
    return missing;
  }

  private static String message(List<String> missing, String wrongUrl) {
    StringBuilder message = new StringBuilder("The prod profile runs on PostgreSQL and needs its database from the environment: ");
    if (!missing.isEmpty()) {
      message.append(String.join(", ", missing)).append(missing.size() == 1 ? " is" : " are").append(" not set");
    }
    if (wrongUrl != null) {
      message.append(missing.isEmpty() ? "" : "; ")
          .append(ProductionDatabaseCheck.URL).append(" must start with ")
          .append(ProductionDatabaseCheck.POSTGRES_URL_PREFIX).append(", was '").append(redact(wrongUrl)).append("'");
    }
    return message.append('.').toString();
  }

  /** A JDBC URL can carry a password as a parameter: show only what comes before parameters. */
  private static String redact(String url) {
    int parameters = url.indexOf('?');
    return parameters < 0 ? url : url.substring(0, parameters) + "?...";
  }
}
