package io.deploychecklist.benchmark;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** What the startup benchmark measured: each start of the application and of the bare Camunda one. */
record StartupResult(String heapLimit, List<Footprint> checklist, List<Footprint> bare) {

  /** One start: JVM start until the application is ready; heap kept after a full collection; resident memory. */
  record Footprint(long readyMillis, long heapBytes, long residentBytes) {

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "ready after %d ms, heap %.0f MB, resident %.0f MB",
          readyMillis, heapBytes / 1048576.0, residentBytes / 1048576.0);
    }
  }

  static long median(List<Footprint> runs, ToLongFunction<Footprint> figure) {
    List<Long> sorted = runs.stream().map(figure::applyAsLong).sorted(Comparator.naturalOrder()).toList();
    return sorted.get(sorted.size() / 2);
  }
}
