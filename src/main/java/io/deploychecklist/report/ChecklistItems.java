package io.deploychecklist.report;

import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ResolveBlocker;
import io.deploychecklist.report.ChecklistCoverage.CoverageItem;
import io.deploychecklist.report.ReleaseHistory.Written;
import io.deploychecklist.report.ReleaseModel.Branch;
import io.deploychecklist.report.ReleaseReport.Blocker;
import io.deploychecklist.report.ReleaseReport.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;

/**
 * The state of every checklist item in a release, from the task or service task that covers it
 * (coverage.yaml says which): ticked or not in the task that completed, blocked, waived or stopped
 * with the blocker reported from that task, automated with its evidence, or why it has no answer
 * (its form hid it, the release took another branch, the task is open, the release has not got there
 * or never will).
 */
final class ChecklistItems {

  private static final String COMPLETED = "completed";
  /** Not ticked because of the blocker its task reported. */
  private static final Set<ItemState> BY_A_BLOCKER = EnumSet.of(ItemState.BLOCKED, ItemState.WAIVED, ItemState.STOPPED);

  private ChecklistItems() {}

  static List<Item> of(List<CoverageItem> coverage, ReleaseRecords records, Set<String> editedVariables,
      Blockers blockers) {
    List<Item> rows = new ArrayList<>(coverage.size());
    // Items first, then their groups, which sum them up.
    for (int i = 0; i < coverage.size(); i++) {
      CoverageItem entry = coverage.get(i);
      rows.add(entry.isGroup() ? null : item(i + 1, entry, records, editedVariables, blockers));
    }
    for (int i = 0; i < coverage.size(); i++) {
      CoverageItem entry = coverage.get(i);
      if (entry.isGroup()) {
        List<Item> members = rows.stream().filter(row -> row != null && entry.section().equals(row.section())
            && entry.item().equals(row.group())).toList();
        rows.set(i, group(i + 1, entry, members, records));
      }
    }
    return rows;
  }

  private static Item item(int number, CoverageItem entry, ReleaseRecords records, Set<String> edited,
      Blockers blockers) {
    if (entry.outOfScope() != null) {
      return row(number, entry, new Answer(ItemState.OUT_OF_SCOPE, null, null, entry.outOfScope()), List.of(), false);
    }
    List<String> checks = entry.element() == null ? List.of() : checksBy(records, entry.process(), entry.element());
    if (entry.isAutomatedOnly()) {
      return row(number, entry, automated(records, entry, checks), checks, false);
    }
    return row(number, entry, answered(records, entry, blockers), checks, edited.contains(entry.field()));
  }

  /** A field a person ticks: its value in the instance whose task completed. */
  private static Answer answered(ReleaseRecords records, CoverageItem entry, Blockers blockers) {
    Optional<ReleaseModel.FormTask> formTask = records.model().taskOfForm(entry.form());
    if (formTask.isEmpty()) {
      return new Answer(ItemState.NOT_REACHED, null, null, "no task of this release shows the form " + entry.form());
    }
    Step step = userTask(records, formTask.get().processKey(), formTask.get().taskKey());
    if (step.task() == null) {
      return step.answer();
    }
    HistoricTaskInstance task = step.task();
    Map<String, Object> variables = records.variables().getOrDefault(task.getProcessInstanceId(), Map.of());
    Object value = variables.get(entry.field());
    String by = records.completer(task);
    // A form that hides the item did not ask it, whatever a client sent along (Tasklist sends nothing).
    // Its own conditions only: "Something is not right" hides every item, but the task's own blocker
    // is read below, and the phase's variables mix those of all its sections' sub-processes.
    Map<String, Object> asked = new HashMap<>(variables);
    asked.put(ResolveBlocker.Vars.BLOCKER_REPORTED, false);
    boolean shown = records.model().form(entry.form()).flatMap(form -> form.shows(entry.field(), asked)).orElse(true);
    if (!shown) {
      return new Answer(ItemState.NOT_APPLICABLE, by, task.getEndTime(), "its form did not ask it for this release"
          + method(records) + (value == null ? "" : "; submitted anyway: " + value));
    }
    if (Boolean.TRUE.equals(value)) {
      return new Answer(ItemState.TICKED, by, task.getEndTime(), null);
    }
    Optional<Blocker> blocker = blockers.reportedBy(task);
    if (blocker.isPresent()) {
      return blocked(blocker.get(), by, task.getEndTime());
    }
    return new Answer(ItemState.NOT_TICKED, by, task.getEndTime(), value == null ? "left empty" : null);
  }

  /**
   * Not ticked because its task reported a blocker (a fixed one is not given here: the task was
   * answered again). Waived: who approved the waiver (else who asked for it), and when. Stopped the
   * release: who decided, and when. Otherwise blocked: who reported it, and when (else who completed
   * the task), while it waits or, once the release left the step undecided, for good.
   */
  private static Answer blocked(Blocker blocker, String completedBy, Date completedAt) {
    if (Blockers.waived(blocker)) {
      String by = blocker.waiverDecidedBy() != null ? blocker.waiverDecidedBy() : blocker.decidedBy();
      Instant at = blocker.waiverDecidedAt() != null ? blocker.waiverDecidedAt() : blocker.resolvedAt();
      return new Answer(ItemState.WAIVED, by, Times.date(at), "blocker waived: "
          + blocker.description() + (blocker.reason() == null ? "" : "; reason: " + blocker.reason()));
    }
    if (Blockers.stoppedTheRelease(blocker)) {
      Instant at = blocker.decidedAt() != null ? blocker.decidedAt() : blocker.resolvedAt();
      return new Answer(ItemState.STOPPED, blocker.decidedBy(), Times.date(at), "blocker stopped the release: "
          + blocker.description() + "; decision " + blocker.decision()
          + (blocker.reason() == null ? "" : ", reason: " + blocker.reason()));
    }
    String by = blocker.reportedBy() != null ? blocker.reportedBy() : completedBy;
    Date at = blocker.reportedAt() != null ? Times.date(blocker.reportedAt()) : completedAt;
    return new Answer(ItemState.BLOCKED, by, at, "blocker reported: " + blocker.description()
        + (Blockers.open(blocker) ? "; waiting for the deployment managers"
            : "; not resolved before the release left this step"));
  }

  /** An item only a service task checks: the status of the evidence it wrote. */
  private static Answer automated(ReleaseRecords records, CoverageItem entry, List<String> checks) {
    List<HistoricActivityInstance> runs = records.activities(entry.process(), entry.element());
    Optional<HistoricActivityInstance> done = runs.stream()
        .filter(run -> run.getEndTime() != null && !run.isCanceled()).reduce((first, second) -> second);
    if (done.isPresent()) {
      return new Answer(ItemState.AUTOMATED, null, done.get().getEndTime(),
          checks.isEmpty() ? "ran, but recorded no evidence" : String.join(", ", checks));
    }
    if (runs.stream().anyMatch(run -> run.getEndTime() == null)) {
      return new Answer(ItemState.PENDING, null, null, "the check is running");
    }
    return notRun(records, entry.process(), entry.element(), runs.isEmpty() ? null : "cancelled");
  }

  /**
   * A group item of the checklist: ticked when every item in it that applies is; blocked, waived or
   * stopped when some are (they share their task, and so its blocker).
   */
  private static Item group(int number, CoverageItem entry, List<Item> members, ReleaseRecords records) {
    Optional<ReleaseModel.FormTask> formTask = records.model().taskOfForm(entry.form());
    Answer answer;
    if (formTask.isEmpty()) {
      answer = new Answer(ItemState.NOT_REACHED, null, null, "no task of this release shows the form " + entry.form());
    } else {
      Step step = userTask(records, formTask.get().processKey(), formTask.get().taskKey());
      answer = step.task() == null ? step.answer() : summed(members, records.completer(step.task()), step.task().getEndTime());
    }
    return row(number, entry, answer, List.of(), members.stream().anyMatch(Item::edited));
  }

  private static Answer summed(List<Item> members, String by, Date at) {
    List<Item> applicable = members.stream()
        .filter(member -> member.state() != ItemState.NOT_APPLICABLE && member.state() != ItemState.OUT_OF_SCOPE)
        .toList();
    if (applicable.isEmpty()) {
      return new Answer(ItemState.NOT_APPLICABLE, by, at, "none of its items applies to this release");
    }
    long ticked = applicable.stream()
        .filter(member -> member.state() == ItemState.TICKED || member.state() == ItemState.AUTOMATED).count();
    String note = ticked + " of " + applicable.size() + " items ticked";
    Optional<Item> blocked = applicable.stream().filter(member -> BY_A_BLOCKER.contains(member.state())).findFirst();
    if (blocked.isPresent()) {
      // Its task's blocker: who reported it, approved its waiver or decided to stop, as its members say.
      ItemState state = blocked.get().state();
      long count = applicable.stream().filter(member -> member.state() == state).count();
      return new Answer(state, blocked.get().by(), Times.date(blocked.get().at()),
          note + ", " + count + " " + state.words);
    }
    return new Answer(ticked == applicable.size() ? ItemState.TICKED : ItemState.NOT_TICKED, by, at, note);
  }

  /** The latest completion of a user task, or why there is none. */
  private static Step userTask(ReleaseRecords records, String processKey, String taskKey) {
    List<HistoricTaskInstance> tasks = records.tasks(processKey, taskKey);
    Optional<HistoricTaskInstance> completed = tasks.stream()
        .filter(task -> task.getEndTime() != null && COMPLETED.equals(task.getDeleteReason()))
        .max(Comparator.comparing(HistoricTaskInstance::getEndTime));
    Optional<HistoricTaskInstance> open = tasks.stream().filter(task -> task.getEndTime() == null).findFirst();
    // Opened again after that completion (its blocker was fixed): the earlier answers are not the last word.
    boolean reopened = open.isPresent() && completed.isPresent()
        && !open.get().getStartTime().before(completed.get().getEndTime());
    if (completed.isPresent() && !reopened) {
      return new Step(completed.get(), null);
    }
    if (open.isPresent()) {
      String who = open.get().getAssignee() == null ? "not claimed" : "claimed by " + open.get().getAssignee();
      return new Step(null, new Answer(ItemState.OPEN, null, null, "its task is open (" + who + ")"));
    }
    return new Step(null, notRun(records, processKey, taskKey, tasks.isEmpty() ? null : "its task was cancelled"));
  }

  /** An element that never completed: another branch taken, the release ended, or not there yet. */
  private static Answer notRun(ReleaseRecords records, String processKey, String elementId, String cancelled) {
    for (Branch branch : records.model().branchesInto(processKey, elementId)) {
      boolean decided = records.activities(processKey, branch.gatewayId()).stream().anyMatch(run -> run.getEndTime() != null);
      if (decided) {
        return new Answer(ItemState.NOT_APPLICABLE, null, null, "not on this release's path: "
            + (branch.gatewayName() == null ? branch.gatewayId() : branch.gatewayName()) + " " + branch.condition()
            + method(records));
      }
    }
    if (cancelled != null) {
      return new Answer(ItemState.NOT_REACHED, null, null, cancelled);
    }
    if (records.ended()) {
      Object outcome = records.releaseVariable(ProductionDeployment.Vars.OUTCOME);
      return new Answer(ItemState.NOT_REACHED, null, null,
          "the release ended" + (outcome == null ? "" : " " + outcome) + " without this step");
    }
    return new Answer(ItemState.PENDING, null, null, null);
  }

  /** The evidence written by that service task, with its status: "check_dns PASS". */
  private static List<String> checksBy(ReleaseRecords records, String processKey, String element) {
    return records.evidence().values().stream()
        .filter(written -> element.equals(written.activityId())
            && processKey.equals(records.processKey(written.processInstanceId())))
        .map(written -> written.variable() + EvidenceTable.read(written).map(evidence -> " " + evidence.status()).orElse(""))
        .toList();
  }

  private static String method(ReleaseRecords records) {
    Object method = records.releaseVariable(ProductionDeployment.Vars.DEPLOYMENT_METHOD);
    return method == null ? "" : " (deployment method " + method + ")";
  }

  private static Item row(int number, CoverageItem entry, Answer answer, List<String> checks, boolean edited) {
    return new Item(number, entry.section(), entry.group(), entry.item(), answer.state(), answer.by(),
        Times.instant(answer.at()), answer.note(), checks, edited);
  }

  private record Answer(ItemState state, String by, Date at, String note) {}

  /** A completed task, or the answer for an item whose task did not complete. */
  private record Step(HistoricTaskInstance task, Answer answer) {}
}
