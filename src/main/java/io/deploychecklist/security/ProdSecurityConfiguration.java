package io.deploychecklist.security;

import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The prod profile refuses to start with an insecure configuration, before the engine or any other
 * bean exists (so not even a weak administrator reaches the database):
 * <ul>
 *   <li>the administrator's password must come from the environment ({@value #PASSWORD_VARIABLE})
 *       and meet Camunda's password policy (at least 10 characters with a lower-case and an
 *       upper-case letter, a digit and a symbol, and none of the user's own data); unless the users
 *       come from LDAP (a {@code LdapIdentityProviderPlugin} bean): then LDAP has the password;
 *   <li>the H2 console must stay off.
 * </ul>
 * Every response carries HSTS ({@link StrictTransportSecurityFilter}). The rest of the prod
 * profile's security settings (secure cookies, password policy for every user, no demo users) is in
 * {@code application-prod-security.yaml}, a profile that {@code prod} includes.
 */
@Configuration(proxyBeanMethods = false)
@Profile("prod")
class ProdSecurityConfiguration {

  static final String USER_VARIABLE = "CHECKLIST_ADMIN_USER";
  static final String PASSWORD_VARIABLE = "CHECKLIST_ADMIN_PASSWORD";

  private static final Logger LOG = LoggerFactory.getLogger(ProdSecurityConfiguration.class);

  /** Passwords that pass the character rules but are the first ones anybody tries. */
  private static final Set<String> WELL_KNOWN = Set.of("password1!", "passw0rd!", "changeme1!", "welcome1!",
      "admin123!", "camunda1!", "p@ssw0rd1", "qwerty123!", "letmein1!", "demo1234!");

  /** Camunda's LDAP identity provider (camunda-identity-ldap): users and passwords live in LDAP. */
  static final String LDAP_PLUGIN = "org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin";

  @Bean
  static BeanFactoryPostProcessor prodSecurityGuard(Environment environment) {
    return beanFactory -> {
      boolean ldap = hasLdapIdentityProvider(beanFactory);
      check(environment, ldap);
      LOG.info("Prod security settings checked: administrator '{}' {}, H2 console off",
          environment.getProperty("camunda.bpm.admin-user.id"),
          ldap ? "from LDAP" : "with a policy-compliant password");
    };
  }

  /** First of all filters, so even a request another filter refuses gets the header. */
  @Bean
  FilterRegistrationBean<StrictTransportSecurityFilter> strictTransportSecurityFilter() {
    var registration = new FilterRegistrationBean<>(new StrictTransportSecurityFilter());
    registration.setName("strictTransportSecurityFilter");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  private static boolean hasLdapIdentityProvider(ConfigurableListableBeanFactory beanFactory) {
    ClassLoader classLoader = ProdSecurityConfiguration.class.getClassLoader();
    return ClassUtils.isPresent(LDAP_PLUGIN, classLoader) && beanFactory.getBeanNamesForType(
        ClassUtils.resolveClassName(LDAP_PLUGIN, classLoader), true, false).length > 0;
  }

  /**
   * @param ldap whether the users come from LDAP: then the administrator is an LDAP user (named by
   *     {@value #USER_VARIABLE}) whose password LDAP checks, and no password is set here
   */
  static void check(Environment environment, boolean ldap) {
    String userId = environment.getProperty("camunda.bpm.admin-user.id", "");
    String password = environment.getProperty("camunda.bpm.admin-user.password", "");
    if (environment.getProperty("spring.h2.console.enabled", Boolean.class, false)) {
      throw new InsecureConfigurationException("The prod profile never enables the H2 console"
          + " (spring.h2.console.enabled is true).", "Remove spring.h2.console.enabled.");
    }
    if (ldap) {
      return;
    }
    if (userId.isBlank()) {
      throw new InsecureConfigurationException("The prod profile has no administrator user id.",
          "Set " + USER_VARIABLE + " (default: admin) or camunda.bpm.admin-user.id.");
    }
    if (password.isBlank()) {
      throw new InsecureConfigurationException("The prod profile needs the administrator's password from"
          + " the environment, and " + PASSWORD_VARIABLE + " is not set.",
          "Set the environment variable " + PASSWORD_VARIABLE + " to a strong password for '" + userId
              + "' (at least 10 characters with upper- and lower-case letters, a digit and a symbol).");
    }
    String weakness = weakness(userId, password);
    if (weakness != null) {
      throw new InsecureConfigurationException("The administrator's password (" + PASSWORD_VARIABLE
          + ") is too weak: " + weakness + ".",
          "Set " + PASSWORD_VARIABLE + " to at least 10 characters with upper- and lower-case letters,"
              + " a digit and a symbol, not containing the user id '" + userId + "'.");
    }
  }

  /** Why the password is weak, or null when it is not. */
  static String weakness(String userId, String password) {
    if (WELL_KNOWN.contains(password.toLowerCase(Locale.ROOT))) {
      return "it is a well-known password";
    }
    if (password.toLowerCase(Locale.ROOT).contains(userId.toLowerCase(Locale.ROOT))) {
      return "it contains the user id";
    }
    UserEntity user = new UserEntity(userId);
    for (PasswordPolicyRule rule : new DefaultPasswordPolicyImpl().getRules()) {
      if (!rule.execute(password, user)) {
        return "it breaks Camunda's password policy rule " + rule.getPlaceholder() + " " + rule.getParameters();
      }
    }
    return null;
  }
}
