package io.deploychecklist.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.process.FormAnswers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A Camunda Form as form-js renders it in Tasklist, read against its {@code .form} file: form-js
 * gives each input the id {@code fjs-form-<random>-<component id>} (radio options get
 * {@code -<index>} on top), so the file says where each item is.
 */
final class CamundaForm {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final By FORM = By.cssSelector("form.fjs-form");
  /** The item around an input: its label, description and messages. */
  private static final By ITEM = By.xpath("./ancestor::div[contains(concat(' ', @class, ' '), ' fjs-form-field ')][1]");

  private final Browser browser;
  private final String formId;
  private final Map<String, JsonNode> fieldsByKey = new LinkedHashMap<>();
  private final List<JsonNode> groups = new ArrayList<>();

  CamundaForm(Browser browser, String formId) {
    this.browser = browser;
    this.formId = formId;
    collect(read(formId).path("components"));
    browser.find(FORM);
  }

  /**
   * Every item and group of the form that no condition hides is rendered, under the words of its
   * {@code .form} file (labels with {@code {{ }}} are filled in by form-js and only checked to be there).
   */
  void showsItsItems() {
    // Read again if form-js redraws meanwhile.
    List<String> missing = browser.waitFor(driver -> missingItems());
    assertThat(missing).as("items of form %s that Tasklist does not show as written", formId).isEmpty();
  }

  private List<String> missingItems() {
    List<String> missing = new ArrayList<>();
    for (JsonNode field : fieldsByKey.values()) {
      if (field.has("conditional")) {
        continue;
      }
      // A date-time item shows its date label (and time label), not its label.
      String label = field.has("dateLabel") ? field.path("dateLabel").asText() : field.path("label").asText();
      List<WebElement> inputs = browser.findAll(input(field));
      if (inputs.isEmpty()) {
        missing.add(label + " (not rendered)");
        continue;
      }
      String shown = inputs.get(0).findElement(ITEM).getText();
      if (!label.contains("{{") && !shown.contains(label)) {
        missing.add(label + " (shown as '" + shown + "')");
      }
    }
    String form = browser.find(FORM).getText();
    for (JsonNode group : groups) {
      if (!group.has("conditional") && !form.contains(group.path("label").asText())) {
        missing.add(group.path("label").asText() + " (group not rendered)");
      }
    }
    return missing;
  }

  /** Answers one item as a person would: ticks a box, picks an option, types text. */
  CamundaForm answer(String key, Object value) {
    JsonNode field = fieldsByKey.get(key);
    assertThat(field).as("form %s has an item %s", formId, key).isNotNull();
    String id = field.path("id").asText();
    switch (field.path("type").asText()) {
      case "checkbox" -> browser.check(input(field), Boolean.TRUE.equals(value));
      case "radio" -> browser.click(By.cssSelector("input[id$='-" + id + "-" + optionIndex(field, value) + "']"));
      case "select" -> {
        // form-js draws its own drop-down: open it, pick the option by its label.
        By display = By.cssSelector("[id$='-" + id + "-display']");
        String label = field.path("values").get(optionIndex(field, value)).path("label").asText();
        browser.click(display);
        browser.click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + label + "']"));
        browser.waitFor(driver -> browser.text(display).equals(label));
      }
      case "textfield", "textarea", "number" -> browser.type(input(field), String.valueOf(value));
      case "datetime" -> {
        // form-js shows the date as mm/dd/yyyy and the time as hh:mm (use24h), in the browser's zone (UTC here).
        OffsetDateTime at = OffsetDateTime.parse(String.valueOf(value));
        typeAndLeave(By.cssSelector("input[id$='-" + id + "-date']"), at.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")));
        typeAndLeave(By.cssSelector("input[id$='-" + id + "-time']"), at.format(DateTimeFormatter.ofPattern("HH:mm")));
      }
      default -> throw new IllegalArgumentException("cannot answer a " + field.path("type").asText() + " (" + key + ")");
    }
    return this;
  }

  private void typeAndLeave(By input, String text) {
    browser.type(input, text);
    browser.find(input).sendKeys(Keys.TAB);
  }

  /** The given answers in their order, then every other required item that is shown. */
  CamundaForm answerAllRequired(Map<String, ?> answers) {
    answers.forEach(this::answer);
    FormAnswers.complete(formId).forEach((key, value) -> {
      if (!answers.containsKey(key) && !browser.findAll(input(fieldsByKey.get(key))).isEmpty()) {
        answer(key, value);
      }
    });
    return this;
  }

  /** Whether form-js renders the item now (a condition may hide it). */
  boolean shows(String key) {
    return !browser.findAll(input(fieldsByKey.get(key))).isEmpty();
  }

  /** The value a field shows, read-only ones included (their text is not part of {@link #text}). */
  String shownValue(String key) {
    return browser.find(By.cssSelector("[id$='-field_" + key + "']")).getAttribute("value");
  }

  /** What the form shows, e.g. the release's values that its texts fill in. */
  String text() {
    return browser.text(FORM);
  }

  /** The messages form-js shows under one item. */
  String errorOf(String key) {
    String id = fieldsByKey.get(key).path("id").asText();
    return browser.waitFor(driver -> browser.findAll(By.cssSelector("[id$='-" + id + "-error-message']")).stream()
        .map(WebElement::getText).findFirst().orElse(""));
  }

  private static By input(JsonNode field) {
    String id = field.path("id").asText();
    return switch (field.path("type").asText()) {
      case "radio" -> By.cssSelector("input[id$='-" + id + "-0']");
      case "datetime" -> By.cssSelector("input[id$='-" + id + "-date']");
      default -> By.cssSelector("[id$='-" + id + "']");
    };
  }

  private static int optionIndex(JsonNode field, Object value) {
    JsonNode values = field.path("values");
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).path("value").asText().equals(String.valueOf(value))) {
        return i;
      }
    }
    throw new IllegalArgumentException(field.path("key").asText() + " has no option " + value);
  }

  private void collect(JsonNode components) {
    for (JsonNode component : components) {
      collect(component.path("components"));
      if (component.hasNonNull("key") && !component.path("readonly").asBoolean()) {
        fieldsByKey.put(component.path("key").asText(), component);
      } else if ("group".equals(component.path("type").asText()) && component.hasNonNull("label")) {
        groups.add(component);
      }
    }
  }

  private static JsonNode read(String formId) {
    try (InputStream in = CamundaForm.class.getResourceAsStream("/forms/" + formId + ".form")) {
      assertThat(in).as("form %s on the classpath", formId).isNotNull();
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
