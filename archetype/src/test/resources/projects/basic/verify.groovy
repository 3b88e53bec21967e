// What `verify` alone does not prove about the generated project.
// maven-script-interpreter hands the archetype plugin's variables over in a map named context
File projectDir = binding.hasVariable('projectDir') ? binding.getVariable('projectDir') : context.projectDir
def fail = { String message -> throw new AssertionError(message) }

// the sources sit under the requested package
if (!new File(projectDir, 'src/main/java/com/acme/orders/Application.java').isFile()) fail('Application.java is not in com/acme/orders')
if (!new File(projectDir, 'src/test/java/com/acme/orders/customer/CustomerApiTests.java').isFile()) fail('tests are misplaced')

// the wrapper is executable and the ignore file has its real name
if (!new File(projectDir, 'mvnw').canExecute()) fail('mvnw is not executable')
if (!new File(projectDir, '.gitignore').isFile()) fail('.gitignore is missing')
if (new File(projectDir, '__gitignore__').exists()) fail('__gitignore__ was not renamed')
if (!new File(projectDir, '.mvn/wrapper/maven-wrapper.properties').text.contains('distributionType=only-script')) {
    fail('the wrapper is not the only-script kind')
}

// the starters' versions come from the secure-api BOM, imported once
def pom = new groovy.xml.XmlSlurper().parse(new File(projectDir, 'pom.xml'))
def bom = pom.dependencyManagement.dependencies.dependency.find { it.artifactId.text() == 'secure-api-dependencies' }
if (bom.isEmpty() || bom.scope.text() != 'import' || bom.type.text() != 'pom') fail('the pom does not import secure-api-dependencies')
pom.dependencies.dependency.findAll { it.groupId.text() == 'dev.secureapi' }.each { starter ->
    if (!starter.version.text().isEmpty()) fail("${starter.artifactId.text()} has its own version instead of the BOM's")
}

// the tests ran (two test classes, none failed) and SpotBugs looked at the classes
def reports = new File(projectDir, 'target/surefire-reports').listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }
if (reports.size() < 2) fail("expected the context and HTTP tests to run, found ${reports*.name}")
reports.each { report ->
    def suite = (report.text =~ /<testsuite [^>]*/)[0]
    def count = { String name -> (suite =~ /\b${name}="(\d+)"/)[0][1].toInteger() }
    if (count('tests') == 0 || count('failures') + count('errors') > 0) fail("${report.name}: ${suite}")
}
if (!new File(projectDir, 'target/spotbugsXml.xml').isFile()) fail('SpotBugs did not run')

// nothing of the kit's own example or of unreplaced template variables is left in the sources
def leftovers = ['dev.secureapi.example', 'example-app', 'ExampleApplication', '${package}', '${artifactId}',
                 '${groupId}', '${secureApiVersion}', '${springBootVersion}', '${packageInPathFormat}', '$h$h', '__gitignore__']
projectDir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    def path = file.path.substring(projectDir.path.length() + 1)
    if (path.startsWith('target') || path == 'build.log' || path.startsWith('.mvn') || path.startsWith('mvnw')) {
        return
    }
    leftovers.each { pattern ->
        if (file.text.contains(pattern)) fail("${path} contains ${pattern}")
    }
}
return true
