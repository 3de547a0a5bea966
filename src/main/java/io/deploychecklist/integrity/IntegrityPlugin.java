package io.deploychecklist.integrity;

import io.deploychecklist.forms.FormRegistry;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ModelGuard} into both of the engine's command chains, after the command context is
 * opened (the guard reads tasks and forms in it, and its refusals roll the command back).
 */
@Component
class IntegrityPlugin extends AbstractProcessEnginePlugin {

  private final FormRegistry forms;

  IntegrityPlugin(FormRegistry forms) {
    this.forms = forms;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ModelGuard guard = new ModelGuard(new Submissions(forms));
    configuration.setCustomPostCommandInterceptorsTxRequired(with(configuration.getCustomPostCommandInterceptorsTxRequired(), guard));
    configuration.setCustomPostCommandInterceptorsTxRequiresNew(with(configuration.getCustomPostCommandInterceptorsTxRequiresNew(), guard));
  }

  private static List<CommandInterceptor> with(List<CommandInterceptor> interceptors, CommandInterceptor guard) {
    List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    all.add(guard);
    return all;
  }
}
