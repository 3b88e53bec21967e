package dev.secureapi.security.bodylimit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Request body limits.
 *
 * <p>
 * {@code secure-api.body-limit.max-size} and {@code paths} bound the bytes of any request
 * body: a declared Content-Length above the limit is answered 413 before a byte is read,
 * and a body without one (chunked) is counted while it is read and cut off with 413 at
 * the limit. {@code secure-api.body-limit.json.*} bounds what the JSON parser accepts
 * inside a body that fits (nesting depth, lengths of strings, numbers and names, and of
 * the whole document); a document over one of those limits is answered 400. The length
 * limits default to the largest body limit, so by default only nesting depth and number
 * length refuse a body the body limit admits.
 *
 * @since 0.1.0
 */
@Validated
@ConfigurationProperties("secure-api.body-limit")
public class BodyLimitProperties {

	/**
	 * Whether request bodies are limited.
	 */
	private boolean enabled = true;

	/**
	 * Largest request body accepted, unless a path entry says otherwise.
	 */
	@NotNull
	private DataSize maxSize = DataSize.ofMegabytes(2);

	/**
	 * Limits for requests whose path (and method, when methods are listed) match; the
	 * first matching entry applies.
	 */
	@Valid
	private List<PathLimit> paths = new ArrayList<>();

	/**
	 * Limits of the JSON parser.
	 */
	@Valid
	private final Json json = new Json();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		Assert.isTrue(!maxSize.isNegative(), "must not be negative");
		this.maxSize = maxSize;
	}

	public List<PathLimit> getPaths() {
		return this.paths;
	}

	public void setPaths(List<PathLimit> paths) {
		this.paths = paths;
	}

	public Json getJson() {
		return this.json;
	}

	/**
	 * The largest body any path admits: the global limit or a path's, whichever is
	 * larger.
	 * @return the largest limit in bytes
	 */
	public long largestMaxSize() {
		long largest = this.maxSize.toBytes();
		for (PathLimit path : this.paths) {
			largest = Math.max(largest, path.getMaxSize().toBytes());
		}
		return largest;
	}

	/**
	 * A body limit for some paths.
	 */
	public static class PathLimit {

		/**
		 * Path patterns (Spring PathPattern syntax, for example "/api/v1/uploads/**")
		 * this limit applies to.
		 */
		@NotEmpty
		private List<String> patterns = new ArrayList<>();

		/**
		 * HTTP methods this limit applies to; empty means every method.
		 */
		private Set<HttpMethod> methods = new LinkedHashSet<>();

		/**
		 * Largest request body accepted on these paths.
		 */
		@NotNull
		private DataSize maxSize = DataSize.ofMegabytes(2);

		public List<String> getPatterns() {
			return this.patterns;
		}

		public void setPatterns(List<String> patterns) {
			this.patterns = patterns;
		}

		public Set<HttpMethod> getMethods() {
			return this.methods;
		}

		public void setMethods(Set<HttpMethod> methods) {
			this.methods = methods;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			Assert.isTrue(!maxSize.isNegative(), "must not be negative");
			this.maxSize = maxSize;
		}

	}

	/**
	 * Limits of the JSON parser (Jackson's StreamReadConstraints) for the application's
	 * JSON mapper.
	 */
	public static class Json {

		/**
		 * Whether the JSON parser limits are applied.
		 */
		private boolean enabled = true;

		/**
		 * Deepest nesting of arrays and objects accepted.
		 */
		@Positive
		private int maxNestingDepth = 64;

		/**
		 * Longest string value accepted, in characters. When not set, the largest body
		 * limit (max-size or a path's max-size, in bytes), so the parser never refuses a
		 * string the body limit admits.
		 */
		@Positive
		private @Nullable Integer maxStringLength;

		/**
		 * Longest number accepted, in characters.
		 */
		@Positive
		private int maxNumberLength = 100;

		/**
		 * Longest property name accepted, in characters. When not set, the largest body
		 * limit, like max-string-length.
		 */
		@Positive
		private @Nullable Integer maxNameLength;

		/**
		 * Largest JSON document accepted. When not set, the largest body limit, so only
		 * the body limit (413) refuses a large document.
		 */
		private @Nullable DataSize maxDocumentLength;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxNestingDepth() {
			return this.maxNestingDepth;
		}

		public void setMaxNestingDepth(int maxNestingDepth) {
			this.maxNestingDepth = maxNestingDepth;
		}

		public @Nullable Integer getMaxStringLength() {
			return this.maxStringLength;
		}

		public void setMaxStringLength(@Nullable Integer maxStringLength) {
			this.maxStringLength = maxStringLength;
		}

		public int getMaxNumberLength() {
			return this.maxNumberLength;
		}

		public void setMaxNumberLength(int maxNumberLength) {
			this.maxNumberLength = maxNumberLength;
		}

		public @Nullable Integer getMaxNameLength() {
			return this.maxNameLength;
		}

		public void setMaxNameLength(@Nullable Integer maxNameLength) {
			this.maxNameLength = maxNameLength;
		}

		public @Nullable DataSize getMaxDocumentLength() {
			return this.maxDocumentLength;
		}

		public void setMaxDocumentLength(@Nullable DataSize maxDocumentLength) {
			Assert.isTrue(maxDocumentLength == null || maxDocumentLength.toBytes() > 0, "must be positive");
			this.maxDocumentLength = maxDocumentLength;
		}

	}

}
