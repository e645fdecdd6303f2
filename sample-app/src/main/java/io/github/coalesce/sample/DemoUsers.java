package io.github.coalesce.sample;

import java.util.List;
import java.util.stream.StreamSupport;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Warns at start-up while an embedded user's password is still the user's name (the demo users alice, bob, admin
 * and carol): anyone who reads the README can log in as them.
 */
@Singleton
public class DemoUsers {

    private static final Logger LOG = Logger.getLogger(DemoUsers.class);
    private static final String USERS = "quarkus.security.users.embedded.users.";

    void warn(@Observes StartupEvent started) {
        Config config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("quarkus.security.users.embedded.enabled", Boolean.class).orElse(false)) {
            return;
        }
        List<String> demo = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith(USERS))
                .map(name -> name.substring(USERS.length()))
                .filter(user -> user.equals(config.getOptionalValue(USERS + user, String.class).orElse(null)))
                .sorted()
                .toList();
        if (!demo.isEmpty()) {
            LOG.warnf("Demo users %s still have their name as password: anyone can log in as them. Replace them "
                    + "before exposing this app (README, \"Users\").", demo);
        }
    }
}
