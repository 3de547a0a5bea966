package io.deploychecklist.forms;

import java.util.regex.Pattern;

/**
 * How Camunda words an id that names nothing ("execution x doesn't exist", "No job found with id",
 * "Cannot find task"): it throws such a refusal without a type of its own, so its words are all a
 * 404 can be told by.
 */
public final class UnknownId {

  private static final Pattern WORDS = Pattern.compile("(?i)(doesn't exist|does not exist|cannot find|no [\\w ]*found)");

  private UnknownId() {}

  public static boolean isSaidBy(String message) {
    return message != null && WORDS.matcher(message).find();
  }
}
