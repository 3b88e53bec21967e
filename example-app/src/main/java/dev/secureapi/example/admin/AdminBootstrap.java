package dev.secureapi.example.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.secureapi.example.audit.AuditTypes;
import dev.secureapi.example.user.Role;
import dev.secureapi.example.user.UserResponse;
import dev.secureapi.example.user.UserService;

/**
 * Creates the administrator named by {@code APP_ADMIN_USERNAME} with
 * {@code APP_ADMIN_PASSWORD} when both are set and no such user exists. The settings are
 * checked while the context starts, so a weak password stops the application before it
 * serves a request. An existing administrator of that name is left unchanged; an existing
 * user of that name without the ADMIN role stops start-up (anyone may have registered the
 * name first).
 */
@Component
public class AdminBootstrap implements InitializingBean, ApplicationRunner {

	private static final Log logger = LogFactory.getLog(AdminBootstrap.class);

	private final AdminProperties properties;

	private final UserService users;

	private final ApplicationEventPublisher events;

	AdminBootstrap(AdminProperties properties, UserService users, ApplicationEventPublisher events) {
		this.properties = properties;
		this.users = users;
		this.events = events;
	}

	@Override
	public void afterPropertiesSet() {
		String username = this.properties.getUsername();
		String password = this.properties.getPassword();
		if (username == null && password == null) {
			return;
		}
		if (username == null || username.isBlank() || password == null || password.isEmpty()) {
			throw new AdminBootstrapException(List.of("APP_ADMIN_USERNAME and APP_ADMIN_PASSWORD must both be set"));
		}
		List<String> weaknesses = AdminPasswordPolicy.weaknesses(username, password);
		if (!weaknesses.isEmpty()) {
			throw new AdminBootstrapException(
					weaknesses.stream().map((reason) -> "the password is weak: " + reason).toList());
		}
	}

	@Override
	public void run(ApplicationArguments args) {
		String username = this.properties.getUsername();
		String password = this.properties.getPassword();
		if (username == null || password == null) {
			return;
		}
		Optional<Set<Role>> existing = this.users.rolesOf(username);
		if (existing.isPresent()) {
			if (!existing.get().contains(Role.ADMIN)) {
				throw squatted(username);
			}
			logger.info("Administrator '" + username + "' already exists; left unchanged");
			return;
		}
		String email = (this.properties.getEmail() != null) ? this.properties.getEmail() : username + "@localhost";
		UserResponse admin = this.users.create(username, email, password, EnumSet.of(Role.USER, Role.ADMIN));
		logger.info("Created administrator '" + username + "' with id " + admin.id());
		this.events.publishEvent(new AuditApplicationEvent("system", AuditTypes.ADMIN_CREATED,
				Map.of("user_id", admin.id(), "username", username)));
	}

	/**
	 * Anyone may register any free user name, so the administrator's name may have been
	 * taken before the first start; taking that account over (or silently running without
	 * an administrator) would be wrong either way.
	 * @param username the administrator's configured name
	 * @return the failure that stops start-up
	 */
	private static AdminBootstrapException squatted(String username) {
		return new AdminBootstrapException(List.of("a user named '" + username
				+ "' already exists without the ADMIN role: it was registered by someone before the administrator "
				+ "was created, or demoted since"),
				"Choose an APP_ADMIN_USERNAME no one has registered (and find out who registered this one), or, if "
						+ "the account was demoted on purpose, unset APP_ADMIN_USERNAME and APP_ADMIN_PASSWORD.");
	}

}
