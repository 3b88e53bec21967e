package dev.secureapi.crypto.provider;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

import dev.secureapi.crypto.CryptoAutoConfiguration;
import dev.secureapi.crypto.DataKeyManager;
import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.crypto.GeneratedDataKey;
import dev.secureapi.crypto.KeyProvider;
import dev.secureapi.crypto.KeyProviderException;
import dev.secureapi.crypto.WrappedDataKey;
import dev.secureapi.crypto.support.FakeVaultServer;
import dev.secureapi.crypto.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Vault transit provider through the real Spring Vault {@code VaultTemplate} against
 * an in-process Vault HTTP API endpoint; not against a Vault server.
 */
class VaultTransitKeyProviderTests {

	private static final FieldContext EMAIL = new FieldContext("users", "email");

	private final FakeVaultServer vault = startVault();

	@AfterEach
	void stop() {
		this.vault.close();
	}

	@Test
	void fakeVaultTenThousandWritesThroughTheStarterCostOneDatakeyCall() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(KeyProvider.class)).isInstanceOf(VaultTransitKeyProvider.class);
			FieldEncryptor encryptor = context.getBean(FieldEncryptor.class);
			List<String> stored = new ArrayList<>();
			for (int i = 0; i < 10_000; i++) {
				stored.add(encryptor.encrypt("user" + i + "@example.com", EMAIL));
			}
			for (int i = 0; i < stored.size(); i++) {
				assertThat(encryptor.decrypt(stored.get(i), EMAIL)).isEqualTo("user" + i + "@example.com");
			}
			assertThat(this.vault.calls("datakey")).isEqualTo(1);
			assertThat(this.vault.totalCalls()).isLessThanOrEqualTo(2);
		});
	}

	@Test
	void fakeVaultStoredKeysAreUnwrappedThroughTransitDecrypt() {
		runner().run((context) -> {
			FieldEncryptor encryptor = context.getBean(FieldEncryptor.class);
			String stored = encryptor.encrypt("alice@example.com", EMAIL);
			context.getBean(DataKeyManager.class).clearCache();
			assertThat(encryptor.decrypt(stored, EMAIL)).isEqualTo("alice@example.com");
			assertThat(this.vault.calls("decrypt")).isEqualTo(1);
		});
	}

	@Test
	void fakeVaultWrappedKeyIsVaultCiphertextAndUnwrapsToTheSameBytes() {
		VaultTransitKeyProvider provider = provider(FakeVaultServer.TOKEN);
		GeneratedDataKey generated = provider.generateDataKey();
		assertThat(new String(generated.wrapped().wrapped(), java.nio.charset.StandardCharsets.UTF_8))
			.startsWith("vault:v1:");
		assertThat(provider.decryptDataKey(generated.wrapped())).isEqualTo(generated.plaintext());
	}

	@Test
	void fakeVaultRewrapMovesTheKeyToTheNewestTransitKeyVersion() {
		VaultTransitKeyProvider provider = provider(FakeVaultServer.TOKEN);
		GeneratedDataKey generated = provider.generateDataKey();
		this.vault.rotateTransitKey();
		WrappedDataKey rewrapped = provider.rewrap(generated.wrapped());
		assertThat(new String(rewrapped.wrapped(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("vault:v2:");
		assertThat(provider.decryptDataKey(rewrapped)).isEqualTo(generated.plaintext());
	}

	@Test
	void fakeVaultThatNeverAnswersFailsWithinTheConfiguredTimeout() {
		runner().withPropertyValues("secure-api.crypto.vault-transit.timeout=300ms").run((context) -> {
			this.vault.hang();
			assertThatExceptionOfType(KeyProviderException.class)
				.isThrownBy(() -> context.getBean(FieldEncryptor.class).encrypt("alice@example.com", EMAIL));
		});
	}

	@Test
	void fakeVaultBadTokenBecomesKeyProviderException() {
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> provider("s.wrong").generateDataKey());
	}

	@Test
	void fakeVaultServerErrorBecomesKeyProviderException() {
		VaultTransitKeyProvider provider = provider(FakeVaultServer.TOKEN);
		WrappedDataKey wrapped = provider.generateDataKey().wrapped();
		this.vault.failAlways(503);
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(provider::generateDataKey);
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> provider.decryptDataKey(wrapped));
	}

	@Test
	void fakeVaultTamperedWrappedKeyIsRefused() {
		VaultTransitKeyProvider provider = provider(FakeVaultServer.TOKEN);
		byte[] wrapped = provider.generateDataKey().wrapped().wrapped();
		wrapped[wrapped.length - 3] = (byte) ((wrapped[wrapped.length - 3] == 'A') ? 'B' : 'A');
		assertThatExceptionOfType(KeyProviderException.class)
			.isThrownBy(() -> provider.decryptDataKey(new WrappedDataKey(wrapped, "fields")));
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CryptoAutoConfiguration.class))
			.withConfiguration(TestDatabases.h2WithKeyTable())
			.withPropertyValues(TestDatabases.uniqueH2Url())
			.withPropertyValues("secure-api.crypto.provider=vault-transit",
					"secure-api.crypto.vault-transit.uri=" + this.vault.uri(),
					"secure-api.crypto.vault-transit.token=" + FakeVaultServer.TOKEN,
					"secure-api.crypto.vault-transit.key-name=fields");
	}

	private VaultTransitKeyProvider provider(String token) {
		VaultTemplate template = new VaultTemplate(VaultEndpoint.from(this.vault.uri()),
				new TokenAuthentication(token));
		return new VaultTransitKeyProvider(template, "transit", "fields");
	}

	private static FakeVaultServer startVault() {
		try {
			return new FakeVaultServer();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
