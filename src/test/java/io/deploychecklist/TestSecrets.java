package io.deploychecklist;

import io.deploychecklist.evidence.SecretSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The environment of the shared test application ({@link ApplicationTest}): empty, so no variable of
 * the machine running the tests gets in; a test sets what it needs and removes it afterwards.
 */
public final class TestSecrets implements SecretSource {

  /** Names the chat webhook's URL (checklist.notifications.webhook-url-env). */
  public static final String CHAT_WEBHOOK = "TEST_CHAT_WEBHOOK";

  private final Map<String, String> variables = new ConcurrentHashMap<>();

  @Override
  public String lookup(String name) {
    return variables.get(name);
  }

  public void set(String name, String value) {
    variables.put(name, value);
  }

  public void remove(String name) {
    variables.remove(name);
  }
}
