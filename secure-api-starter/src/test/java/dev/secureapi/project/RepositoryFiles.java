package dev.secureapi.project;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's root from a module's working directory.
 */
final class RepositoryFiles {

	private RepositoryFiles() {
	}

	static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !(Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("mvnw")))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Not inside the repository: " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

}
