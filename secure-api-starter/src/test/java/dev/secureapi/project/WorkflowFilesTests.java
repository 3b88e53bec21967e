package dev.secureapi.project;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub workflows parse as YAML, every job they depend on exists, and every Maven
 * command they run names only profiles, modules and plugins the build has, so a workflow
 * cannot silently run nothing.
 */
class WorkflowFilesTests {

	private static final Pattern PROFILE = Pattern.compile("-P\\s*([A-Za-z0-9_,-]+)");

	private static final Pattern MODULES = Pattern.compile("-pl\\s+([A-Za-z0-9_,:.-]+)");

	private static final Pattern PLUGIN_GOAL = Pattern.compile("\\s([a-z0-9.-]+):([a-z0-9-]+-plugin):([A-Za-z-]+)");

	private final Path root = RepositoryFiles.root();

	@Test
	void workflowsParseAndEveryNeededJobExists() throws IOException {
		List<Path> workflows = workflows();
		assertThat(workflows).isNotEmpty();
		for (Path workflow : workflows) {
			Map<String, Object> jobs = map(load(workflow).get("jobs"));
			assertThat(jobs).as(workflow + " jobs").isNotEmpty();
			jobs.forEach((id, job) -> {
				Object needs = map(job).get("needs");
				List<?> needed = (needs instanceof List<?> list) ? list : (needs != null) ? List.of(needs) : List.of();
				assertThat(needed).as(workflow + " job " + id + " needs")
					.allSatisfy((need) -> assertThat(jobs).containsKey(String.valueOf(need)));
				assertThat(map(job)).as(workflow + " job " + id).containsKey("steps");
			});
		}
	}

	@Test
	void everyMavenCommandNamesProfilesModulesAndPluginsTheBuildHas() throws IOException {
		String rootPom = Files.readString(this.root.resolve("pom.xml"), StandardCharsets.UTF_8);
		List<String> commands = mavenCommands();
		assertThat(commands).isNotEmpty();
		for (String command : commands) {
			assertThat(command).as("uses the wrapper").startsWith("./mvnw ");
			each(PROFILE, command, (profile) -> assertThat(rootPom).as(command).contains("<id>" + profile + "</id>"));
			each(MODULES, command,
					(module) -> assertThat(this.root.resolve(module).resolve("pom.xml")).as(command).exists());
			Matcher goal = PLUGIN_GOAL.matcher(command);
			while (goal.find()) {
				assertThat(rootPom).as(command).contains("<artifactId>" + goal.group(2) + "</artifactId>");
			}
		}
	}

	@Test
	void ciRunsTheReadmeTestCommand() throws IOException {
		String readme = Files.readString(this.root.resolve("README.md"), StandardCharsets.UTF_8);
		String ci = Files.readString(this.root.resolve(".ci/run"), StandardCharsets.UTF_8);
		assertThat(readme).contains("./mvnw verify");
		assertThat(ci).contains("./mvnw -B verify");
		assertThat(mavenCommands()).anyMatch((command) -> command.startsWith("./mvnw -B verify"));
	}

	private List<String> mavenCommands() throws IOException {
		List<String> commands = new ArrayList<>();
		for (Path workflow : workflows()) {
			for (Object job : map(load(workflow).get("jobs")).values()) {
				for (Object step : (List<?>) map(job).get("steps")) {
					Object run = map(step).get("run");
					if (run != null) {
						for (String line : run.toString().split("\n")) {
							if (line.contains("mvnw")) {
								commands.add(line.trim());
							}
						}
					}
				}
			}
		}
		return commands;
	}

	private List<Path> workflows() throws IOException {
		try (Stream<Path> files = Files.list(this.root.resolve(".github/workflows"))) {
			return files.filter((file) -> file.toString().endsWith(".yml")).sorted().toList();
		}
	}

	private static Map<String, Object> load(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static void each(Pattern pattern, String command, Consumer<String> check) {
		Matcher matcher = pattern.matcher(command);
		while (matcher.find()) {
			for (String value : matcher.group(1).split(",")) {
				check.accept(value.replaceFirst("^[:!]", ""));
			}
		}
	}

}
