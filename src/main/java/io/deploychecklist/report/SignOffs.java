package io.deploychecklist.report;

import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.signoff.SignOff;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.history.HistoricTaskInstance;

/** The three final sign-offs: who signed and when, as the sign-off recorded it from the login. */
final class SignOffs {

  private SignOffs() {}

  static List<ReleaseReport.SignOff> of(ReleaseRecords records) {
    return Arrays.stream(SignOff.values()).map(signOff -> signOff(records, signOff)).toList();
  }

  private static ReleaseReport.SignOff signOff(ReleaseRecords records, SignOff signOff) {
    List<HistoricTaskInstance> tasks = records.tasks(PostDeployment.KEY, signOff.taskKey());
    Optional<HistoricTaskInstance> signed = tasks.stream()
        .filter(task -> task.getEndTime() != null && "completed".equals(task.getDeleteReason()))
        .max(Comparator.comparing(HistoricTaskInstance::getEndTime));
    if (signed.isPresent()) {
      Map<String, Object> variables = records.variables().getOrDefault(signed.get().getProcessInstanceId(), Map.of());
      Object by = variables.getOrDefault(signOff.signedByVariable(), records.completer(signed.get()));
      Object at = variables.getOrDefault(signOff.signedAtVariable(), signed.get().getEndTime());
      return new ReleaseReport.SignOff(signOff.role(), by == null ? null : by.toString(), Times.instant(at), "signed");
    }
    String state = tasks.stream().anyMatch(task -> task.getEndTime() == null) ? "waiting"
        : !tasks.isEmpty() ? "cancelled" : records.ended() ? "not reached" : "not yet due";
    return new ReleaseReport.SignOff(signOff.role(), null, null, state);
  }
}
