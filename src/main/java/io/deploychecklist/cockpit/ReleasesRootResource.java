package io.deploychecklist.cockpit;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The plugin's root under Cockpit's API: its {@code plugin.js} ({@code static/app/plugin.js}, served
 * by Camunda's base class) and, per engine, the data of the dashboard and the tab. Jersey creates it
 * for each request; the application's beans come from the Spring context of the servlet context.
 */
@Path("plugin/" + ReleasesPlugin.ID)
public class ReleasesRootResource extends AbstractCockpitPluginRootResource {

  public ReleasesRootResource() {
    super(ReleasesPlugin.ID);
  }

  @Path("{engineName}")
  public ReleasesResource engine(@PathParam("engineName") String engineName) {
    ApplicationContext spring = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    return subResource(new ReleasesResource(engineName, spring.getBean(ProcessEngine.class),
        spring.getBean(ReleasesDashboard.class), spring.getBean(ChecklistView.class)), engineName);
  }
}
