package dev.secureapi.security.password;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PasswordEncoderTests {

	private final PasswordProperties properties = new PasswordProperties();

	private final PasswordEncoder encoder = new LengthLimitingPasswordEncoder(
			PasswordEncoderAutoConfiguration.delegating(this.properties), this.properties.getMaxLength());

	@Test
	void newHashesAreArgon2idWithOwaspParameters() {
		String hash = this.encoder.encode("correct horse battery staple");
		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.encoder.matches("correct horse battery staple", hash)).isTrue();
		assertThat(this.encoder.matches("wrong", hash)).isFalse();
		assertThat(this.encoder.upgradeEncoding(hash)).isFalse();
	}

	@Test
	void bcryptAndPbkdf2HashesStillVerifyAndAskForAnUpgrade() {
		String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder().encode("secret-password");
		String pbkdf2 = "{pbkdf2@SpringSecurity_v5_8}"
				+ Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("secret-password");
		assertThat(this.encoder.matches("secret-password", bcrypt)).isTrue();
		assertThat(this.encoder.matches("secret-password", pbkdf2)).isTrue();
		assertThat(this.encoder.upgradeEncoding(bcrypt)).isTrue();
		assertThat(this.encoder.upgradeEncoding(pbkdf2)).isTrue();
	}

	@Test
	void argon2HashWithWeakerParametersAsksForAnUpgrade() {
		String weak = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode("secret-password");
		assertThat(this.encoder.matches("secret-password", weak)).isTrue();
		assertThat(this.encoder.upgradeEncoding(weak)).isTrue();
	}

	@Test
	void passwordsLongerThan128CharactersAreRefusedBeforeHashing() {
		AtomicInteger hashed = new AtomicInteger();
		PasswordEncoder counting = new PasswordEncoder() {
			@Override
			public @Nullable String encode(@Nullable CharSequence raw) {
				hashed.incrementAndGet();
				return "x";
			}

			@Override
			public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
				hashed.incrementAndGet();
				return true;
			}
		};
		PasswordEncoder limited = new LengthLimitingPasswordEncoder(counting, 128);
		String huge = "a".repeat(1_000_000);
		assertThat(limited.matches(huge, "{argon2}whatever")).isFalse();
		assertThatExceptionOfType(PasswordTooLongException.class).isThrownBy(() -> limited.encode("b".repeat(129)));
		assertThat(hashed).hasValue(0);
		assertThat(limited.matches("c".repeat(128), "x")).isTrue();
		assertThat(hashed).hasValue(1);
	}

	@Test
	void argon2ParametersAreConfigurable() {
		PasswordProperties custom = new PasswordProperties();
		custom.getArgon2().setMemory(org.springframework.util.unit.DataSize.ofMegabytes(46));
		custom.getArgon2().setIterations(1);
		String hash = PasswordEncoderAutoConfiguration.delegating(custom).encode("pw-pw-pw-pw");
		assertThat(hash).contains("$m=47104,t=1,p=1$");
	}

}
