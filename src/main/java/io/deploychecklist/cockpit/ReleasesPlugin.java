package io.deploychecklist.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Cockpit's "Releases" plugin: the Releases dashboard and the Checklist tab of a release, from
 * {@code plugin-webapp/releases/app/plugin.js}, with their data under
 * {@code /camunda/api/cockpit/plugin/releases/{engine}/...} ({@link ReleasesResource}). Cockpit finds it
 * through {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}.
 */
public class ReleasesPlugin extends AbstractCockpitPlugin {

  public static final String ID = "releases";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(ReleasesRootResource.class);
  }
}
