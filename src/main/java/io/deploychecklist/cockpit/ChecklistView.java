package io.deploychecklist.cockpit;

import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.report.ItemState;
import io.deploychecklist.report.ReleaseReport;
import io.deploychecklist.report.ReleaseReport.Item;
import io.deploychecklist.report.ReleaseReportReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The Checklist tab of a release: its report (report.ReleaseReportReader, the same as
 * {@code GET /api/releases/{version}/report}) with the items gathered into the 17 sections and the
 * rollback plan, each with a state. Nothing here reads the release's items or checks itself.
 */
@Component
class ChecklistView {

  /**
   * A section at a glance: waived is done with items a blocker's waiver answered instead of a tick;
   * blocked waits on a blocker reported from it; stopped is where a blocker reported from it stopped
   * the release (abort, rollback).
   */
  enum SectionState {
    NOT_STARTED, OPEN, DONE, WAIVED, BLOCKED, STOPPED
  }

  /**
   * @param ticked items ticked (or, for automated ones, checked) of those that apply
   * @param notTicked items answered without a tick
   * @param waived items not ticked because a blocker reported from the section was waived
   * @param blocked items not ticked because a blocker reported from the section waits (or was left
   *     undecided when the release left the step)
   * @param stopped items not ticked because a blocker reported from the section stopped the release
   * @param by who completed it (the last to answer one of its items: for a waived one, who approved
   *     the waiver, for a stopped one who decided to stop), null while not done
   */
  record Section(String name, SectionState state, String by, Instant at, int applicable, int ticked, int notTicked,
      int waived, int blocked, int stopped, List<Item> items) {}

  /** The tab's content: the report's facts, sections, checks, sign-offs and rollback. */
  record Checklist(String version, String processInstanceId, String state, String outcome, String environment,
      String deploymentMethod, String startedBy, Instant startedAt, Instant endedAt, Instant generatedAt,
      List<Section> sections, List<ReleaseReport.Check> checks, List<ReleaseReport.SignOff> signOffs,
      List<ReleaseReport.Waiver> waivers, List<ReleaseReport.Blocker> blockers, ReleaseReport.Rollback rollback,
      int edits) {}

  /** Answered: the section's task completed for this item (or the check behind it ran). */
  private static final Set<ItemState> ANSWERED = EnumSet.of(ItemState.TICKED, ItemState.NOT_TICKED, ItemState.AUTOMATED,
      ItemState.WAIVED);
  private static final Set<ItemState> NOT_APPLYING = EnumSet.of(ItemState.NOT_APPLICABLE, ItemState.OUT_OF_SCOPE);

  private final ReleaseReportReader reports;
  private final HistoryService history;

  ChecklistView(ReleaseReportReader reports, ProcessEngine engine) {
    this.reports = reports;
    this.history = engine.getHistoryService();
  }

  /** The release with that version (its latest run). */
  Optional<Checklist> ofVersion(String version) {
    return reports.of(version).map(this::checklist);
  }

  /**
   * The release that process instance belongs to: a release itself or one of its phases. Empty
   * when there is no such instance or it is not part of a release.
   */
  Optional<String> versionOf(String processInstanceId) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    if (instance == null) {
      return Optional.empty();
    }
    HistoricProcessInstance root = instance.getRootProcessInstanceId() == null
        || instance.getRootProcessInstanceId().equals(instance.getId()) ? instance
        : history.createHistoricProcessInstanceQuery().processInstanceId(instance.getRootProcessInstanceId()).singleResult();
    if (root == null || !ProductionDeployment.KEY.equals(root.getProcessDefinitionKey())) {
      return Optional.empty();
    }
    return Optional.ofNullable(root.getBusinessKey());
  }

  Optional<ReleaseReport> report(String version) {
    return reports.of(version);
  }

  String page(ReleaseReport report) {
    return reports.page(report);
  }

  private Checklist checklist(ReleaseReport report) {
    // Blocked while a blocker reported from it waits for its resolution.
    Set<String> blocked = new HashSet<>();
    report.blockers().stream().filter(blocker -> blocker.resolvedAt() == null)
        .forEach(blocker -> blocked.add(blocker.section()));
    Map<String, List<Item>> bySection = new LinkedHashMap<>();
    report.items().forEach(item -> bySection.computeIfAbsent(item.section(), name -> new ArrayList<>()).add(item));
    List<Section> sections = new ArrayList<>();
    boolean ended = report.endedAt() != null;
    bySection.forEach((name, items) -> sections.add(section(name, items, blocked.contains(name), ended)));
    return new Checklist(report.version(), report.processInstanceId(), report.state(), report.outcome(),
        report.environment(), report.deploymentMethod(), report.startedBy(), report.startedAt(), report.endedAt(),
        report.generatedAt(), sections, report.checks(), report.signOffs(), report.waivers(), report.blockers(),
        report.rollback(), report.edits().size());
  }

  /**
   * Done when every item that applies is answered, waived instead when a waiver answered some of them;
   * open when its task is open or some are answered and others not yet; blocked while a blocker
   * reported from it waits for the deployment managers (and where its items say a blocker was left
   * undecided); stopped where a blocker reported from it stopped the release; otherwise not started
   * (also a section the release never reached). Once the release ended nothing is open any more: a
   * section with answers is done or waived (its counts show what was not reached).
   */
  static Section section(String name, List<Item> items, boolean blocked, boolean ended) {
    // A group item sums up its members: count the items themselves, or a group without members.
    Set<String> groups = new HashSet<>();
    items.forEach(item -> {
      if (item.group() != null) {
        groups.add(item.group());
      }
    });
    List<Item> counted = items.stream().filter(item -> item.group() != null || !groups.contains(item.item())).toList();
    List<Item> applicable = counted.stream().filter(item -> !NOT_APPLYING.contains(item.state())).toList();
    long answered = applicable.stream().filter(item -> ANSWERED.contains(item.state())).count();
    int ticked = (int) applicable.stream()
        .filter(item -> item.state() == ItemState.TICKED || item.state() == ItemState.AUTOMATED).count();
    int notTicked = (int) applicable.stream().filter(item -> item.state() == ItemState.NOT_TICKED).count();
    int waived = (int) applicable.stream().filter(item -> item.state() == ItemState.WAIVED).count();
    int blockedItems = (int) applicable.stream().filter(item -> item.state() == ItemState.BLOCKED).count();
    int stopped = (int) applicable.stream().filter(item -> item.state() == ItemState.STOPPED).count();
    boolean open = applicable.stream().anyMatch(item -> item.state() == ItemState.OPEN);
    // Answered, but not all by ticks where a waiver stands in for some: the auditor sees it at once.
    SectionState done = waived > 0 ? SectionState.WAIVED : SectionState.DONE;
    // The items say so too where the blocker names a part of the section (Deploy to Docker Compose in 8).
    SectionState state = blocked || blockedItems > 0 ? SectionState.BLOCKED
        : stopped > 0 ? SectionState.STOPPED
        : open ? SectionState.OPEN
        : !applicable.isEmpty() && answered == applicable.size() ? done
        : answered > 0 ? (ended ? done : SectionState.OPEN)
        // Nothing applied, yet its task completed (its form hid every item for this release): done.
        : applicable.isEmpty() && items.stream().anyMatch(item -> item.at() != null) ? SectionState.DONE
        : SectionState.NOT_STARTED;
    // Who completed it: the last person to answer one of its items (automated items have nobody); for a
    // stopped section who decided to stop, whose decision came last.
    Optional<Item> last = !EnumSet.of(SectionState.DONE, SectionState.WAIVED, SectionState.STOPPED).contains(state)
        ? Optional.empty()
        : items.stream().filter(item -> item.at() != null && item.by() != null).max(Comparator.comparing(Item::at))
            .or(() -> items.stream().filter(item -> item.at() != null).max(Comparator.comparing(Item::at)));
    return new Section(name, state, last.map(Item::by).orElse(null), last.map(Item::at).orElse(null),
        applicable.size(), ticked, notTicked, waived, blockedItems, stopped, items);
  }
}
