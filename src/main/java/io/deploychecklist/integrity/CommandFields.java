package io.deploychecklist.integrity;

import java.lang.reflect.Field;

/**
 * Reads what a caller handed to one of the engine's commands. Camunda keeps these in protected
 * fields without getters; the field names are part of the commands since 7.0 and unchanged in the
 * Operaton fork.
 */
final class CommandFields {

  private CommandFields() {}

  static <T> T read(Object command, String name, Class<T> type) {
    for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return type.cast(field.get(command));
      } catch (NoSuchFieldException e) {
        // declared further up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot read " + name + " of " + command.getClass().getName(), e);
      }
    }
    throw new IllegalStateException(command.getClass().getName() + " has no field " + name
        + ": this engine version is not supported");
  }
}
