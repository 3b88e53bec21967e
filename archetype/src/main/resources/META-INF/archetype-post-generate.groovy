// The archetype jar does not keep file modes: make the generated Maven Wrapper script executable again.
def mvnw = new File(new File(request.outputDirectory, request.artifactId), 'mvnw')
mvnw.setExecutable(true, false)
