package dev.secureapi.example.admin;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator created at start-up; usually set through the environment variables
 * {@code APP_ADMIN_USERNAME}, {@code APP_ADMIN_PASSWORD} and {@code APP_ADMIN_EMAIL}.
 */
@ConfigurationProperties("app.admin")
public class AdminProperties {

	/**
	 * User name of the administrator to create at start-up when it does not exist yet.
	 */
	private @Nullable String username;

	/**
	 * Password of the administrator to create at start-up. A weak password stops the
	 * application.
	 */
	private @Nullable String password;

	/**
	 * E-mail address of the administrator; defaults to the user name at localhost.
	 */
	private @Nullable String email;

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getEmail() {
		return this.email;
	}

	public void setEmail(@Nullable String email) {
		this.email = email;
	}

}
