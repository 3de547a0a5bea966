package io.deploychecklist.modelgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * A form as Camunda Modeler formats it (two spaces, {@code "key": value}, a newline at the end), the
 * same bytes on every machine so that the drift test compares like with like.
 */
final class FormJson {

  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    WRITER = new ObjectMapper().writer(printer);
  }

  private FormJson() {}

  static String write(JsonNode form) {
    try {
      return WRITER.writeValueAsString(form) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a form tree always serialises", e);
    }
  }
}
