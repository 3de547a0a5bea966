package io.deploychecklist.modelgen;

/**
 * How one checklist item is covered (one entry of coverage.yaml): a field or group of a form, a
 * service task, or a reason it is out of scope. Absent parts are null.
 */
public record CoverageEntry(String section, String group, String item, String form, String field,
    String component, String process, String element, String outOfScope) {}
