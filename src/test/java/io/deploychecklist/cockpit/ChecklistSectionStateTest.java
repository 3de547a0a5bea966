package io.deploychecklist.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.cockpit.ChecklistView.Section;
import io.deploychecklist.cockpit.ChecklistView.SectionState;
import io.deploychecklist.report.ItemState;
import io.deploychecklist.report.ReleaseReport.Item;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A section's state from its items as the report gives them, without the engine. */
class ChecklistSectionStateTest {

  private static final Instant MONDAY = Instant.parse("2030-03-04T08:00:00Z");
  private static final Instant TUESDAY = Instant.parse("2030-03-05T08:00:00Z");

  @Test
  void doneWhenEveryItemThatAppliesIsAnsweredByWhoeverAnsweredLast() {
    Section section = ChecklistView.section("1. Infrastructure Preparation", List.of(
        group("**Cloud**", ItemState.TICKED, "platform", TUESDAY),
        item("**Cloud**", "VMs", ItemState.TICKED, "platform", MONDAY),
        item("**Cloud**", "Kubernetes", ItemState.NOT_APPLICABLE, null, null),
        item("**Cloud**", "DNS", ItemState.AUTOMATED, null, TUESDAY.plusSeconds(60)),
        item("**Cloud**", "Firewall", ItemState.NOT_TICKED, "platform2", TUESDAY.plusSeconds(30))), false, false);
    assertThat(section.state()).isEqualTo(SectionState.DONE);
    assertThat(section.by()).as("a person, not the check after them").isEqualTo("platform2");
    // The group sums its members up: it is not counted again.
    assertThat(section.applicable()).isEqualTo(3);
    assertThat(section.ticked()).isEqualTo(2);
    assertThat(section.notTicked()).isEqualTo(1);
  }

  @Test
  void openWhileItsTaskIsOpenOrPartOfItIsAnswered() {
    assertThat(ChecklistView.section("3", List.of(item(null, "a", ItemState.OPEN, null, null),
        item(null, "b", ItemState.PENDING, null, null)), false, false).state()).isEqualTo(SectionState.OPEN);
    Section partly = ChecklistView.section("8", List.of(item(null, "a", ItemState.TICKED, "platform", MONDAY),
        item(null, "b", ItemState.PENDING, null, null)), false, false);
    assertThat(partly.state()).isEqualTo(SectionState.OPEN);
    assertThat(partly.by()).isNull();
  }

  @Test
  void onceTheReleaseEndedASectionWithAnswersIsDoneAndOneWithoutIsNotStarted() {
    List<Item> partly = List.of(item(null, "a", ItemState.TICKED, "platform", MONDAY),
        item(null, "b", ItemState.NOT_REACHED, null, null));
    assertThat(ChecklistView.section("8", partly, false, true).state()).isEqualTo(SectionState.DONE);
    assertThat(ChecklistView.section("17", List.of(item(null, "a", ItemState.NOT_REACHED, null, null)), false, true)
        .state()).isEqualTo(SectionState.NOT_STARTED);
  }

  @Test
  void blockedWhileABlockerFromItWaitsWhateverItsItemsSay() {
    assertThat(ChecklistView.section("4", List.of(item(null, "a", ItemState.NOT_TICKED, "platform", MONDAY)), true, false)
        .state()).isEqualTo(SectionState.BLOCKED);
  }

  @Test
  void aSectionWhoseBlockerWasWaivedReadsWaivedNotDoneWithWhoApprovedIt() {
    Section section = ChecklistView.section("1", List.of(
        item(null, "a", ItemState.TICKED, "platform", MONDAY),
        item(null, "b", ItemState.WAIVED, "manager2", TUESDAY),
        item(null, "c", ItemState.NOT_APPLICABLE, "platform", MONDAY)), false, false);
    assertThat(section.state()).isEqualTo(SectionState.WAIVED);
    assertThat(section.by()).isEqualTo("manager2");
    assertThat(section.at()).isEqualTo(TUESDAY);
    assertThat(section.applicable()).isEqualTo(2);
    assertThat(section.ticked()).isEqualTo(1);
    assertThat(section.notTicked()).isZero();
    assertThat(section.waived()).isEqualTo(1);
    assertThat(ChecklistView.section("1", List.of(item(null, "b", ItemState.WAIVED, "manager2", TUESDAY),
        item(null, "c", ItemState.NOT_REACHED, null, null)), false, true).state())
        .as("ended with part of it not reached").isEqualTo(SectionState.WAIVED);
  }

  @Test
  void blockedWhereItsItemsWaitOnABlockerEvenWhenTheBlockerNamesAPartOfTheSection() {
    // "Deploy to Docker Compose" reports it; section 8 holds its items.
    Section section = ChecklistView.section("8", List.of(
        item(null, "a", ItemState.TICKED, "platform", MONDAY),
        item(null, "b", ItemState.BLOCKED, "platform", MONDAY),
        item(null, "c", ItemState.NOT_APPLICABLE, null, null)), false, false);
    assertThat(section.state()).isEqualTo(SectionState.BLOCKED);
    assertThat(section.by()).as("not done").isNull();
    assertThat(section.applicable()).isEqualTo(2);
    assertThat(section.ticked()).isEqualTo(1);
    assertThat(section.notTicked()).isZero();
    assertThat(section.blocked()).isEqualTo(1);
    assertThat(section.stopped()).isZero();
  }

  @Test
  void aSectionWhoseBlockerStoppedTheReleaseReadsStoppedWithWhoDecidedIt() {
    Section section = ChecklistView.section("7", List.of(
        item(null, "a", ItemState.TICKED, "sre", MONDAY),
        item(null, "b", ItemState.STOPPED, "manager", TUESDAY),
        item(null, "c", ItemState.NOT_REACHED, null, null)), false, true);
    assertThat(section.state()).isEqualTo(SectionState.STOPPED);
    assertThat(section.by()).isEqualTo("manager");
    assertThat(section.at()).isEqualTo(TUESDAY);
    assertThat(section.applicable()).isEqualTo(3);
    assertThat(section.ticked()).isEqualTo(1);
    assertThat(section.notTicked()).isZero();
    assertThat(section.stopped()).isEqualTo(1);
    assertThat(section.blocked()).isZero();
  }

  @Test
  void aSectionWhoseItemsAllWereHiddenIsDoneWhenItsTaskCompleted() {
    assertThat(ChecklistView.section("1", List.of(item(null, "a", ItemState.NOT_APPLICABLE, "platform", MONDAY)),
        false, false).state()).isEqualTo(SectionState.DONE);
    assertThat(ChecklistView.section("1", List.of(item(null, "a", ItemState.OUT_OF_SCOPE, null, null)),
        false, false).state()).isEqualTo(SectionState.NOT_STARTED);
  }

  private static Item group(String name, ItemState state, String by, Instant at) {
    return new Item(1, "s", null, name, state, by, at, null, List.of(), false);
  }

  private static Item item(String group, String name, ItemState state, String by, Instant at) {
    return new Item(2, "s", group, name, state, by, at, null, List.of(), false);
  }
}
