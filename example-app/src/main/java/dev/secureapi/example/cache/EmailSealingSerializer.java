package dev.secureapi.example.cache;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.example.user.UserPage;
import dev.secureapi.example.user.UserResponse;

/**
 * Typed JSON for a Redis cache whose values hold e-mail addresses, with each address
 * encrypted by the field encryptor (as in the {@code users.email} column, under its own
 * context): a shared cache never holds the personal data the database keeps encrypted. A
 * value that fails to decrypt (retired key, provider down) fails the cache read, which
 * the cache error handler turns into a read from the database.
 *
 * @param <T> the cached type
 */
final class EmailSealingSerializer<T> implements RedisSerializer<T> {

	/**
	 * The associated data of cached e-mail addresses: a cached value cannot be replayed
	 * into the column.
	 */
	static final FieldContext CACHED_EMAIL = new FieldContext("cache", "users.email");

	private final RedisSerializer<T> json;

	private final UnaryOperator<T> seal;

	private final UnaryOperator<T> open;

	private EmailSealingSerializer(RedisSerializer<T> json, UnaryOperator<T> seal, UnaryOperator<T> open) {
		this.json = json;
		this.seal = seal;
		this.open = open;
	}

	static EmailSealingSerializer<UserResponse> users(RedisSerializer<UserResponse> json, FieldEncryptor encryptor) {
		return new EmailSealingSerializer<>(json, sealing(encryptor), opening(encryptor));
	}

	static EmailSealingSerializer<UserPage> pages(RedisSerializer<UserPage> json, FieldEncryptor encryptor) {
		UnaryOperator<UserResponse> seal = sealing(encryptor);
		UnaryOperator<UserResponse> open = opening(encryptor);
		return new EmailSealingSerializer<>(json,
				(page) -> new UserPage(page.items().stream().map(seal).toList(), page.nextAfter()),
				(page) -> new UserPage(page.items().stream().map(open).toList(), page.nextAfter()));
	}

	@Override
	public byte[] serialize(@Nullable T value) throws SerializationException {
		return this.json.serialize((value != null) ? this.seal.apply(value) : null);
	}

	@Override
	public @Nullable T deserialize(byte @Nullable [] bytes) throws SerializationException {
		T value = this.json.deserialize(bytes);
		return (value != null) ? this.open.apply(value) : null;
	}

	private static UnaryOperator<UserResponse> sealing(FieldEncryptor encryptor) {
		return (user) -> withEmail(user, encryptor.encrypt(user.email(), CACHED_EMAIL));
	}

	private static UnaryOperator<UserResponse> opening(FieldEncryptor encryptor) {
		return (user) -> withEmail(user, encryptor.decrypt(user.email(), CACHED_EMAIL));
	}

	private static UserResponse withEmail(UserResponse user, String email) {
		return new UserResponse(user.id(), user.username(), email, user.displayName(), user.bio(), user.roles(),
				user.createdAt());
	}

}
