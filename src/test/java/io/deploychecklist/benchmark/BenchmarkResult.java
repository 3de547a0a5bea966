package io.deploychecklist.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one database's run. */
final class BenchmarkResult {

  final String database;
  final String detail;
  final int releases;
  final String configuredRevokes;
  final Map<String, Percentiles> empty = new LinkedHashMap<>();
  /** Per authorizationCheckRevokes mode. */
  final Map<String, Map<String, Percentiles>> loaded = new LinkedHashMap<>();
  /** EXPLAIN ANALYZE of the platform engineers' Tasklist query, per mode (PostgreSQL only). */
  final Map<String, java.util.List<String>> plans = new LinkedHashMap<>();
  String sql;
  /** The engine's SELECTs during one platform engineers' Tasklist list, per mode: statement to {calls, ms}. */
  final Map<String, Map<String, double[]>> statements = new LinkedHashMap<>();
  long bytesEmpty;
  long bytesLoaded;
  double startSeconds;
  long jobs;
  double jobSeconds;
  long platformTasks;
  long taskAuthorizations;

  BenchmarkResult(String database, String detail, int releases, String configuredRevokes) {
    this.database = database;
    this.detail = detail;
    this.releases = releases;
    this.configuredRevokes = configuredRevokes;
  }
}
