package dev.secureapi.crypto.jpa;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.secureapi.crypto.rotation.EncryptedColumn;
import dev.secureapi.test.MutableClock;

/**
 * An application with an entity holding {@code @Encrypted} attributes, as a user would
 * write it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CustomerApplication {

	@Bean
	MutableClock clock() {
		return new MutableClock();
	}

	@Bean
	EncryptedColumn customerEmail() {
		return EncryptedColumn.of("customers", "id", "email", "version");
	}

	@Bean
	EncryptedColumn customerPhone() {
		return EncryptedColumn.of("customers", "id", "phone", "version");
	}

}
