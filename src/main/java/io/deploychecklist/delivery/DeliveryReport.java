package io.deploychecklist.delivery;

import java.time.Instant;

/**
 * The four DORA keys of the releases that ended in a period, optionally of one environment.
 * Figures without releases to measure are null, not zero.
 *
 * @param released releases that went live ({@code RELEASED}): the deployments
 * @param releasesPerWeek deployment frequency
 * @param medianLeadTimeHours lead time: a release's start to its end as {@code RELEASED}, median
 * @param rolledBack releases ended {@code ROLLED_BACK}
 * @param changeFailureRate {@code ROLLED_BACK} among the releases that were deployed (released or rolled back)
 * @param medianTimeToRestoreMinutes time to restore: the emergency rollback's start to its end (service restored), median
 */
public record DeliveryReport(Instant from, Instant to, String environment, int released, double releasesPerWeek,
    Double medianLeadTimeHours, int rolledBack, Double changeFailureRate, Double medianTimeToRestoreMinutes) {
}
