package io.deploychecklist.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultDeploymentConfiguration;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;

/**
 * The starter's auto-deployment ({@code camunda.bpm.deployment-resource-pattern}), with each
 * resource named by its folder and file name ({@code processes/production-deployment.bpmn}) instead
 * of wherever it happens to lie on disk.
 *
 * <p>Spring's auto-deployment filters duplicates: it deploys nothing when every resource equals, by
 * name and content, the latest deployment of the same name, and the whole set (BPMN, DMN and forms
 * together, so {@code camunda:formRefBinding="deployment"} finds the forms) when any differs.
 * Camunda's deployment lock serialises nodes that deploy at the same moment. Left to itself the
 * engine names a resource from an unpacked classpath by its absolute path
 * ({@code /srv/node-2/classes/processes/...}), so the same files run from two directories would
 * look different and be deployed again; with stable names, identical resources are deployed once
 * whichever node, directory or jar they come from.
 */
public class StableDeploymentResources extends DefaultDeploymentConfiguration {

  @Override
  public Set<Resource> getDeploymentResources() {
    Map<String, Resource> byName = new TreeMap<>();
    for (Resource resource : super.getDeploymentResources()) {
      String name = stableName(resource);
      Resource clash = byName.put(name, new NamedResource(name, resource));
      if (clash != null) {
        throw new IllegalStateException("Two deployment resources are both named " + name + ": "
            + resource.getDescription() + " and " + ((NamedResource) clash).original.getDescription());
      }
    }
    return new LinkedHashSet<>(byName.values());
  }

  /** {@code <folder>/<file name>}: the last two segments of the resource's URL. */
  static String stableName(Resource resource) {
    String path;
    try {
      URL url = resource.getURL();
      path = url.getPath();
    } catch (IOException e) {
      path = resource.getFilename();
    }
    if (path == null) {
      throw new IllegalStateException("Deployment resource without a name: " + resource.getDescription());
    }
    String[] segments = path.replace('\\', '/').split("/");
    int last = segments.length - 1;
    return last > 0 && !segments[last - 1].isEmpty() && !segments[last - 1].endsWith("!")
        ? segments[last - 1] + "/" + segments[last]
        : segments[last];
  }

  /**
   * A resource under a chosen name: the engine's Spring auto-deployment uses a {@link
   * ContextResource}'s path within context as the resource name.
   */
  static final class NamedResource extends AbstractResource implements ContextResource {

    private final String name;
    private final Resource original;

    NamedResource(String name, Resource original) {
      this.name = name;
      this.original = original;
    }

    @Override
    public String getPathWithinContext() {
      return name;
    }

    @Override
    public String getFilename() {
      return original.getFilename();
    }

    @Override
    public boolean exists() {
      return original.exists();
    }

    @Override
    public URL getURL() throws IOException {
      return original.getURL();
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return original.getInputStream();
    }

    @Override
    public String getDescription() {
      return name + " (" + original.getDescription() + ")";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof NamedResource named && named.name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }
}
